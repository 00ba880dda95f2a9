/**
 * Generated from docs/openapi.yaml by openapi-typescript (npm run gen:api).
 * Do not edit: change docs/openapi.yaml and run `npm run gen:api` in web/.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The process runs. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status?: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness (database answers, migrations current) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status?: "ready";
                        };
                    };
                };
                503: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Metrics. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What this instance offers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Instance facts. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Meta"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document as JSON */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The OpenAPI document. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, unknown>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account
         * @description The first account of an instance becomes instance admin. Later accounts only
         *     while the instance setting `registration` is `open` (else 403). Sends an email
         *     verification link. Sets the `ws_refresh` (HttpOnly) and `ws_csrf` cookies.
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterRequest"];
                };
            };
            responses: {
                201: components["responses"]["AuthAnswer"];
                400: components["responses"]["Error"];
                403: components["responses"]["Error"];
                409: components["responses"]["Error"];
                413: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password (and a TOTP or recovery code when 2FA is on)
         * @description 401 `unauthorized` is the same for an unknown email and a wrong password;
         *     401 `totp_required` when the account has 2FA and no `totp_code` was sent.
         *     After 5 failures for one account (or 20 from one IP) within 5 minutes: 429 with
         *     `Retry-After`, checked before the password.
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                200: components["responses"]["AuthAnswer"];
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new access token and a rotated refresh token
         * @description The refresh token comes from the `ws_refresh` cookie (then `X-CSRF-Token` must equal
         *     the `ws_csrf` cookie) or from the body. Presenting an already rotated refresh token
         *     revokes its whole session (401).
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the value of the `ws_csrf` cookie; required when the refresh cookie is sent */
                    "X-CSRF-Token"?: components["parameters"]["CsrfToken"];
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["RefreshRequest"];
                };
            };
            responses: {
                200: components["responses"]["AuthAnswer"];
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the current session (bearer) or the cookie's session
         * @description Clears both cookies. With the cookie, `X-CSRF-Token` is required.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the value of the `ws_csrf` cookie; required when the refresh cookie is sent */
                    "X-CSRF-Token"?: components["parameters"]["CsrfToken"];
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live sessions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sessions, newest first. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionList"];
                    };
                };
                401: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of the caller's sessions; its next request is 401 */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password reset link (202 whether or not the address has an account) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Accepted; a link valid for one hour is mailed if the account exists. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, unknown>;
                    };
                };
                400: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset token; every session of the account ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                        password: components["schemas"]["NewPassword"];
                    };
                };
            };
            responses: {
                /** @description Password set. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an email address with the mailed token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Verified. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start TOTP enrolment (a new secret; 2FA is on only after enable) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The secret and an otpauth:// URI for authenticator apps. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description base32 */
                            secret: string;
                            otpauth_uri: string;
                        };
                    };
                };
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn 2FA on with a current code; answers ten single-use recovery codes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Recovery codes, shown once. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            recovery_codes: string[];
                        };
                    };
                };
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn 2FA off
         * @description `password` is required unless the session signed in with its password within the
         *     last 10 minutes (422 `fields.password` otherwise).
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description 2FA is off. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                401: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the caller's profile (and email address)
         * @description Changing `email` needs `current_password`, unless the session signed in with its
         *     password within the last 10 minutes; it marks the address unverified and mails a
         *     verification link to it (and a notice to the old one).
         *
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProfileUpdate"];
                };
            };
            responses: {
                /** @description The updated user. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; every other session ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: components["schemas"]["NewPassword"];
                    };
                };
            };
            responses: {
                /** @description Changed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's personal API tokens (never the secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tokens, oldest first. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiTokenList"];
                    };
                };
                401: components["responses"]["Error"];
            };
        };
        put?: never;
        /**
         * Create a personal API token; the token is shown once
         * @description `current_password` is required unless the session signed in with its password within
         *     the last 10 minutes. Use the token as `Authorization: Bearer wst_…`.
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: date-time */
                        expires_at?: string | null;
                        current_password?: string;
                    };
                };
            };
            responses: {
                /** @description The new token. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description wst_ followed by 43 characters; shown once */
                            token: string;
                        };
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
                429: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a personal API token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accounts (instance admins only) */
        get: {
            parameters: {
                query?: {
                    /** @description part of the email or name, case-insensitive */
                    q?: string;
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Users in creation order. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserPage"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Create an account (an invitation email with a set-password link when no password) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password?: components["schemas"]["NewPassword"];
                        /** @default false */
                        is_instance_admin?: boolean;
                    };
                };
            };
            responses: {
                /** @description The new user. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename, (de)activate or (un)make instance admin
         * @description Deactivation ends every session and deletes every API token of the user at once.
         *     Nobody deactivates themselves, and the last active instance admin stays (409).
         *
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        is_active?: boolean;
                        is_instance_admin?: boolean;
                    };
                };
            };
            responses: {
                /** @description The updated user. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/admin/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End every session of a user (addition to API.md) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every session ended. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Security events, newest first */
        get: {
            parameters: {
                query?: {
                    user_id?: string;
                    /** @description e.g. login.failed; docs/auth.md lists the types */
                    type?: string;
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Audit entries. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPage"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Instance settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstanceSettings"];
                    };
                };
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change instance settings */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        registration?: "open" | "invite_only" | "closed";
                    };
                };
            };
            responses: {
                /** @description The settings after the change. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InstanceSettings"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's workspaces */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of workspaces with the caller's role. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkspacePage"];
                    };
                };
                400: components["responses"]["Error"];
                401: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Create a workspace; the caller becomes its owner */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WorkspaceCreate"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Workspace"];
                    };
                };
                401: components["responses"]["Error"];
                /** @description The slug is taken. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** One workspace (any member) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workspace. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Workspace"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        /** Delete the workspace and all of its data (owner only) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Rename or change the slug (admin+) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WorkspacePatch"];
                };
            };
            responses: {
                /** @description The workspace after the change. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Workspace"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** Members (a guest sees only people who share a project with them) */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of members. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemberPage"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (admin+), or leave (oneself); the last owner cannot leave */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                    user_id: components["parameters"]["UserId"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed; the user's access ends at once. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Change a member's role (admin+; only an owner grants or removes owner; the last owner cannot be demoted) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                    user_id: components["parameters"]["UserId"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: components["schemas"]["Role"];
                    };
                };
            };
            responses: {
                /** @description The member. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Member"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** Pending invitations (admin+) */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of invitations. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationPage"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Invite by email (admin+); the email carries a single-use link valid 7 days */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @default member */
                        role?: components["schemas"]["Role"];
                    };
                };
            };
            responses: {
                /** @description Invited. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invitation"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description Already a member, or an invitation is pending. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{invitation}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                invitation: components["parameters"]["InvitationRef"];
            };
            cookie?: never;
        };
        /** What an invitation link offers (no authentication; `invitation` is the token) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                    invitation: components["parameters"]["InvitationRef"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The invitation. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationPreview"];
                    };
                };
                /** @description Unknown, expired, used or revoked. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke a pending invitation (admin+; `invitation` is its id) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                    invitation: components["parameters"]["InvitationRef"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked; the link no longer works. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{invitation}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                invitation: components["parameters"]["InvitationRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a pending invitation again with a new link and a new 7-day expiry (admin+; `invitation` is its id) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                    invitation: components["parameters"]["InvitationRef"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The invitation; the previous link no longer works. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invitation"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{invitation}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                invitation: components["parameters"]["InvitationRef"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept (`invitation` is the token)
         * @description Signed in: the caller joins; their email must be the invitation's (else 403); no body.
         *     Not signed in: `{name, password}` registers the invitee with the invitation's email
         *     (allowed whatever the registration mode) and answers the auth answer with cookies;
         *     409 when an account with that email exists (sign in, then accept).
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
                    invitation: components["parameters"]["InvitationRef"];
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Joined. The workspace (signed in) or the auth answer (new account). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Workspace"] | components["schemas"]["AuthAnswer"];
                    };
                };
                401: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/teams": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** Teams (members and up) */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of teams. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TeamPage"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Create a team (admin+) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        member_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Team"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a team (admin+) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["TeamId"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Rename a team (admin+) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["TeamId"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description The team. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Team"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/teams/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["TeamId"];
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        /** Add a workspace member to the team (admin+; idempotent) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["TeamId"];
                    user_id: components["parameters"]["UserId"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The team. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Team"];
                    };
                };
                403: components["responses"]["Error"];
                /** @description No such team, or the user is not a member of the workspace. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a member from the team (admin+) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["TeamId"];
                    user_id: components["parameters"]["UserId"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** The event log as a feed, newest first (members and up) */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of events with their actor. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActivityPage"];
                    };
                };
                400: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** Events after a seq; waits up to `wait` seconds for new ones (long-poll; members and up) */
        get: {
            parameters: {
                query?: {
                    /** @description Last seq seen; absent: the newest (so only new events) */
                    after?: number;
                    wait?: number;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description At most 200 events in seq order; continue with `after=last_seq`. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: components["schemas"]["Event"][];
                            last_seq: number;
                        };
                    };
                };
                /** @description Bad `after` (not an integer, or beyond the newest event) or `wait`. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The WebSocket (upgrade); docs/realtime.md
         * @description Upgrades to a WebSocket (`Connection: Upgrade`, `Upgrade: websocket`). Messages are JSON
         *     text frames: the client sends `RealtimeClientMessage`s, the server `RealtimeServerMessage`s.
         *     Authenticate with `{"type":"auth","token":…}` within 10 s (or the `Authorization` header),
         *     wait for `ready`, then `subscribe` to `workspace:<id>` (members), `user:<own id>` or
         *     `conversation:<id>` with the last seq seen (`after`, null: live only). The server replays
         *     every event after it exactly once and in order, answers `subscribed` and streams live;
         *     `reset` when the gap is older than `realtime_max_replay` events. Close codes: 1001
         *     shutdown, 1003 binary frame, 1008 auth failure/timeout, revoked access, flood or per-user
         *     cap, 1009 message over 64 KiB, 1013 send queue overflow (after `reset`).
         *
         */
        get: {
            parameters: {
                query?: never;
                header: {
                    Upgrade: "websocket";
                    /** @description Browsers: must be the origin of `public_url` */
                    Origin?: string;
                    /** @description `Bearer <token>`: authenticates without the `auth` message */
                    Authorization?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Switching protocols; then WebSocket messages. */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RealtimeClientMessage"] | components["schemas"]["RealtimeServerMessage"];
                    };
                };
                /** @description Not a WebSocket upgrade. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The Origin is not the public URL's. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many sockets from this IP (`realtime_max_per_ip`). */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Shutting down. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** Projects the caller sees (private ones only for their members and owners/admins; guests only projects they were added to) */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                    /** @description true: only archived; false: only active; absent: both */
                    archived?: boolean;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of projects. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProjectPage"];
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Create a project (members and up); it gets the statuses To do / In progress / Done */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                        description?: string;
                        /**
                         * @default workspace
                         * @enum {string}
                         */
                        visibility?: "workspace" | "private";
                    };
                };
            };
            responses: {
                /** @description Created (ETag is its version). */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description The key is used by another project of the workspace (`fields.key`). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** A project (404 when the caller does not see it) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The project. */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        /** Delete a project with its statuses, tasks and comments (admins and up) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                412: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Update, archive or unarchive a project (managers and up) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key?: string;
                        name?: string;
                        description?: string;
                        /** @enum {string} */
                        visibility?: "workspace" | "private";
                        archived?: boolean;
                    };
                };
            };
            responses: {
                /** @description The project. */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                400: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                412: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** The project's explicit members */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of members. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProjectMemberPage"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                user_id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        /** Add a workspace member to the project (managers and up; idempotent) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                    user_id: components["parameters"]["UserId"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The member. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProjectMember"];
                    };
                };
                403: components["responses"]["Error"];
                /** @description No such project, or the user is not a member of the workspace. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: components["responses"]["Error"];
            };
        };
        post?: never;
        /** Remove a member (managers and up), or leave the project oneself */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                    user_id: components["parameters"]["UserId"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/statuses": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** The project's statuses by position */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every status (next_cursor is always null). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StatusPage"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Add a status at the end (managers and up) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @default todo
                         * @enum {string}
                         */
                        category?: "todo" | "in_progress" | "done";
                    };
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Status"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/statuses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an empty status (managers and up); 409 while it has tasks or is the last one */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename, re-categorise or re-order a status (managers and up)
         * @description Re-categorising into or out of `done` sets or clears `completed_at` of its tasks.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        category?: "todo" | "in_progress" | "done";
                        /**
                         * Format: uuid
                         * @description place right after this status
                         */
                        after_id?: string;
                        /**
                         * Format: uuid
                         * @description place right before this status
                         */
                        before_id?: string;
                    };
                };
            };
            responses: {
                /** @description The status. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Status"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Tasks of a project, filtered and sorted, with keyset cursors */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                    status_id?: string;
                    assignee_id?: string;
                    label_id?: string;
                    /** @description subtasks of this task */
                    parent_id?: string;
                    /** @description due strictly before this date */
                    due_before?: string;
                    /** @description full-text match over title */
                    q?: string;
                    /** @description position: board order (statuses by position, then tasks); due_date puts undated tasks last; created_at is creation order (the task numbers' order); other ties by id; '-' descending */
                    sort?: "position" | "due_date" | "created_at" | "updated_at" | "-due_date" | "-created_at" | "-updated_at";
                };
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tasks. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskPage"];
                    };
                };
                /** @description An unknown filter or sort value, a malformed cursor. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Create a task at the end of its column (guests too, in projects they were added to) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskInput"];
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                /** @description The project is archived. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body over 1 MiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A field breaks a rule: unknown status or labels, an assignee who cannot see the project, a parent elsewhere or two levels deep, a bad date or RRULE (`fields.recurrence` is the parser's reason), a description over 100 KiB. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** A task */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The task. */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        /** Delete a task and its subtasks (members and up) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                412: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a task (null clears assignee_id, due_date, parent_id, recurrence, labels)
         * @description A new `status_id` puts the task at the end of that column; into a `done` status sets
         *     `completed_at` and, for a recurring task, creates the next occurrence; out of it clears
         *     `completed_at`.
         *
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskPatch"];
                };
            };
            responses: {
                /** @description The task. */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                400: components["responses"]["Error"];
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                412: components["responses"]["Error"];
                413: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/tasks/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a task between two neighbours, atomically
         * @description Without neighbours the task goes to the end of the target column; with `after_id` right
         *     after it; with `before_id` right before it; both must be other tasks of the target column
         *     (the task's own unless `status_id` is given), `after_id` before `before_id`.
         *
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        status_id?: string;
                        /** Format: uuid */
                        after_id?: string;
                        /** Format: uuid */
                        before_id?: string;
                    };
                };
            };
            responses: {
                /** @description The task with its new position. */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                412: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks assigned to the caller across their workspaces (projects they still see, not archived)
         * @description today, overdue and week count open tasks only, in the caller's time zone (week: Monday to Sunday); all: every task. Ordered by due date (undated last), then id.
         */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                    filter?: "today" | "overdue" | "week" | "all";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of tasks. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskPage"];
                    };
                };
                400: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Comments of a task, oldest first */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of comments. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommentPage"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Comment on a task */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a comment (its author only, else 403) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                412: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Edit a comment (its author only, else 403) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
                    "If-Match"?: components["parameters"]["IfMatch"];
                };
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description The comment. */
                200: {
                    headers: {
                        ETag?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                412: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** The workspace's labels */
        get: {
            parameters: {
                query?: {
                    limit?: components["parameters"]["Limit"];
                    /** @description the `next_cursor` of the previous page */
                    cursor?: components["parameters"]["Cursor"];
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of labels. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LabelPage"];
                    };
                };
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        /** Create a label (members and up; names unique per workspace) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default #6b7280 */
                        color?: string;
                    };
                };
            };
            responses: {
                /** @description Created. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Label"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a label; it is taken off every task (managers and up) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        options?: never;
        head?: never;
        /** Rename or recolour a label (members and up) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: components["parameters"]["Id"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        color?: string;
                    };
                };
            };
            responses: {
                /** @description The label. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Label"];
                    };
                };
                403: components["responses"]["Error"];
                404: components["responses"]["Error"];
                409: components["responses"]["Error"];
                422: components["responses"]["Error"];
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/search": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id or slug */
                ws: components["parameters"]["Ws"];
            };
            cookie?: never;
        };
        /** Full-text search over task titles, descriptions and comments, ranked, in projects the caller sees */
        get: {
            parameters: {
                query: {
                    /** @description words (all must match; the last one as a prefix) */
                    q: string;
                    types?: "task";
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: components["parameters"]["Ws"];
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Hits, best first; `snippet` marks matches with `**`. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SearchHit"][];
                        };
                    };
                };
                400: components["responses"]["Error"];
                404: components["responses"]["Error"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A WebSocket message from the client (at most 64 KiB; 20 per second by default). */
        RealtimeClientMessage: {
            /** @enum {string} */
            type: "auth" | "subscribe" | "unsubscribe" | "ping" | "typing" | "presence";
            /** @description auth: an access token or personal API token */
            token?: string;
            /** @description subscribe, unsubscribe, typing: workspace:<id|slug>, user:<id> or conversation:<id> */
            topic?: string;
            /** @description subscribe: the last seq seen; null or absent: live only */
            after?: number | null;
            /**
             * @description presence: this socket's status
             * @enum {string}
             */
            status?: "online" | "away";
        };
        /** @description A WebSocket message from the server. */
        RealtimeServerMessage: {
            /** @enum {string} */
            type: "ready" | "subscribed" | "event" | "reset" | "presence" | "typing" | "error" | "pong";
            /**
             * Format: uuid
             * @description ready, presence, typing
             */
            user_id?: string;
            /** @description subscribed, event, reset, presence, typing; error when about one subscription */
            topic?: string;
            /** @description subscribed: live delivery starts after this seq (null: unsequenced topic) */
            seq?: number | null;
            event?: components["schemas"]["Event"];
            /**
             * @description presence
             * @enum {string}
             */
            status?: "online" | "away" | "offline";
            /**
             * @description error
             * @enum {string}
             */
            code?: "bad_request" | "unauthorized" | "forbidden" | "not_found" | "rate_limited" | "internal";
            /** @description error */
            message?: string;
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "bad_request" | "unauthorized" | "totp_required" | "forbidden" | "csrf_failed" | "not_found" | "method_not_allowed" | "conflict" | "precondition_failed" | "payload_too_large" | "headers_too_large" | "validation_failed" | "rate_limited" | "unavailable" | "internal";
                message: string;
                fields?: {
                    [key: string]: string;
                };
            };
            request_id: string;
        };
        Meta: {
            version: string;
            /** @enum {string} */
            registration: "open" | "invite_only" | "closed";
            oidc_providers: Record<string, unknown>[];
            /** @description true until the first account exists */
            setup_required: boolean;
        };
        User: {
            /** Format: uuid */
            id: string;
            /** Format: email */
            email: string;
            name: string;
            /** @example Europe/Berlin */
            timezone: string;
            /** @example en */
            locale: string;
            is_instance_admin: boolean;
            is_active: boolean;
            email_verified: boolean;
            totp_enabled: boolean;
            /** Format: date-time */
            created_at: string;
        };
        AuthAnswer: {
            user: components["schemas"]["User"];
            /** @description HS256 JWT with kid; claims sub, sid, iat, exp */
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description seconds */
            expires_in: number;
        };
        /** @description 8 to 256 characters, not in the bundled list of common passwords */
        NewPassword: string;
        RegisterRequest: {
            /** Format: email */
            email: string;
            password: components["schemas"]["NewPassword"];
            name: string;
        };
        LoginRequest: {
            /** Format: email */
            email: string;
            password: string;
            /** @description 6 digits, or a recovery code xxxx-xxxx-xxxx-xxxx */
            totp_code?: string;
        };
        RefreshRequest: {
            refresh_token?: string;
        };
        ProfileUpdate: {
            name?: string;
            /** @description IANA time zone name */
            timezone?: string;
            /** @description BCP 47 language tag */
            locale?: string;
            /** Format: email */
            email?: string;
            current_password?: string;
        };
        Session: {
            /** Format: uuid */
            id: string;
            user_agent: string;
            ip: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_used_at: string;
            current: boolean;
        };
        SessionList: {
            items: components["schemas"]["Session"][];
            next_cursor: string | null;
        };
        ApiToken: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description today always ["all"] */
            scopes: string[];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_used_at: string | null;
            /** Format: date-time */
            expires_at: string | null;
        };
        ApiTokenList: {
            items: components["schemas"]["ApiToken"][];
            next_cursor: string | null;
        };
        UserPage: {
            items: components["schemas"]["User"][];
            next_cursor: string | null;
        };
        AuditEntry: {
            /** Format: uuid */
            id: string;
            /** @example login.failed */
            type: string;
            /** Format: uuid */
            user_id: string | null;
            ip: string;
            /** @description details of the event, plus `user_agent` and, for admin actions, `actor_id` */
            data: Record<string, unknown>;
            /** Format: date-time */
            created_at: string;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            next_cursor: string | null;
        };
        InstanceSettings: {
            /** @enum {string} */
            registration: "open" | "invite_only" | "closed";
        };
        /** @enum {string} */
        Role: "owner" | "admin" | "manager" | "member" | "guest";
        Workspace: {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            /** @enum {string} */
            plan: "free";
            /** Format: date-time */
            created_at: string;
            my_role: components["schemas"]["Role"];
        };
        WorkspaceCreate: {
            name: string;
            /** @description 3–40 of a-z 0-9 '-', not starting or ending with '-'; derived from the name when absent */
            slug?: string;
        };
        WorkspacePatch: {
            name?: string;
            slug?: string;
        };
        WorkspacePage: {
            items: components["schemas"]["Workspace"][];
            next_cursor: string | null;
        };
        UserRef: {
            /** Format: uuid */
            id: string;
            name: string;
            email: string;
        };
        Member: {
            user: components["schemas"]["UserRef"];
            role: components["schemas"]["Role"];
            /** Format: date-time */
            joined_at: string;
        };
        MemberPage: {
            items: components["schemas"]["Member"][];
            next_cursor: string | null;
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            invited_by: string | null;
        };
        InvitationPage: {
            items: components["schemas"]["Invitation"][];
            next_cursor: string | null;
        };
        InvitationPreview: {
            workspace: {
                name: string;
            };
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            expires_at: string;
        };
        Team: {
            /** Format: uuid */
            id: string;
            name: string;
            member_ids: string[];
            /** Format: date-time */
            created_at: string;
        };
        TeamPage: {
            items: components["schemas"]["Team"][];
            next_cursor: string | null;
        };
        Event: {
            seq: number;
            /** Format: uuid */
            workspace_id: string;
            /** @example member.joined */
            type: string;
            /** Format: uuid */
            actor_id: string | null;
            entity_type: string;
            entity_id: string;
            /** @description The resource after the change, or {id} for deletes */
            data: Record<string, unknown>;
            /** Format: date-time */
            created_at: string;
        };
        ActivityItem: components["schemas"]["Event"] & {
            actor: {
                /** Format: uuid */
                id?: string;
                name?: string;
            } | null;
        };
        ActivityPage: {
            items: components["schemas"]["ActivityItem"][];
            next_cursor: string | null;
        };
        Project: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            workspace_id: string;
            /** @example WEB */
            key: string;
            name: string;
            description: string;
            /** @enum {string} */
            visibility: "workspace" | "private";
            archived: boolean;
            /** Format: date-time */
            created_at: string;
            version: number;
        };
        ProjectPage: {
            items: components["schemas"]["Project"][];
            next_cursor: string | null;
        };
        ProjectMember: {
            user: {
                /** Format: uuid */
                id: string;
                name: string;
                email: string;
            };
            /** Format: date-time */
            added_at: string;
        };
        ProjectMemberPage: {
            items: components["schemas"]["ProjectMember"][];
            next_cursor: string | null;
        };
        Status: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            project_id: string;
            name: string;
            /** @enum {string} */
            category: "todo" | "in_progress" | "done";
            /** @description order key, compared bytewise */
            position: string;
        };
        StatusPage: {
            items: components["schemas"]["Status"][];
            next_cursor: string | null;
        };
        Label: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            workspace_id: string;
            name: string;
            /** @example #d73a4a */
            color: string;
            /** Format: date-time */
            created_at: string;
        };
        LabelPage: {
            items: components["schemas"]["Label"][];
            next_cursor: string | null;
        };
        Task: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            workspace_id: string;
            /** Format: uuid */
            project_id: string;
            /** @description per project, sequential, never reused */
            number: number;
            /** @example WEB-12 */
            key: string;
            title: string;
            /** @description Markdown */
            description: string;
            /** Format: uuid */
            status_id: string;
            /** @enum {string} */
            status_category: "todo" | "in_progress" | "done";
            /** Format: uuid */
            assignee_id: string | null;
            /** @enum {string} */
            priority: "none" | "low" | "medium" | "high" | "urgent";
            /** Format: date */
            due_date: string | null;
            labels: string[];
            /** Format: uuid */
            parent_id: string | null;
            /** @example FREQ=WEEKLY;BYDAY=MO,WE */
            recurrence: string | null;
            /** @description order key within the status column, compared bytewise */
            position: string;
            /** Format: date-time */
            completed_at: string | null;
            /** Format: uuid */
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            version: number;
        };
        TaskPage: {
            items: components["schemas"]["Task"][];
            next_cursor: string | null;
        };
        TaskInput: {
            title: string;
            /** @description Markdown, at most 100 KiB */
            description?: string;
            /**
             * Format: uuid
             * @description default: the first todo status
             */
            status_id?: string;
            /**
             * Format: uuid
             * @description a workspace member who sees the project
             */
            assignee_id?: string;
            /**
             * @default none
             * @enum {string}
             */
            priority: "none" | "low" | "medium" | "high" | "urgent";
            /** Format: date */
            due_date?: string;
            labels?: string[];
            /**
             * Format: uuid
             * @description a top-level task of the same project
             */
            parent_id?: string;
            /** @description an RFC 5545 RRULE */
            recurrence?: string;
        };
        TaskPatch: {
            title?: string;
            description?: string;
            /** Format: uuid */
            status_id?: string;
            /** Format: uuid */
            assignee_id?: string | null;
            /** @enum {string} */
            priority?: "none" | "low" | "medium" | "high" | "urgent";
            /** Format: date */
            due_date?: string | null;
            labels?: string[] | null;
            /** Format: uuid */
            parent_id?: string | null;
            recurrence?: string | null;
        };
        Comment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            task_id: string;
            /** Format: uuid */
            author_id: string;
            body: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            edited_at: string | null;
            version: number;
        };
        CommentPage: {
            items: components["schemas"]["Comment"][];
            next_cursor: string | null;
        };
        SearchHit: {
            /** @enum {string} */
            type: "task";
            /** Format: uuid */
            id: string;
            title: string;
            /** @description an excerpt with matches between ** and ** */
            snippet: string;
            /** @example WEB-12 */
            key?: string;
            /** Format: uuid */
            project_id?: string;
        };
    };
    responses: {
        /** @description Signed in. Also sets `ws_refresh=…; HttpOnly; SameSite=Strict; Path=/api/v1/auth`
         *     and the readable `ws_csrf=…; SameSite=Strict; Path=/` cookie.
         *      */
        AuthAnswer: {
            headers: {
                "Set-Cookie"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AuthAnswer"];
            };
        };
        /** @description An error in the standard envelope. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description The version from the ETag (`"3"`); 412 `precondition_failed` when the resource has changed since. Absent: last write wins. */
        IfMatch: string;
        Id: string;
        Limit: number;
        /** @description the `next_cursor` of the previous page */
        Cursor: string;
        /** @description the value of the `ws_csrf` cookie; required when the refresh cookie is sent */
        CsrfToken: string;
        /** @description Workspace id or slug */
        Ws: string;
        UserId: string;
        TeamId: string;
        /** @description The invitation id (DELETE, resend) or the token from the link (GET, accept) */
        InvitationRef: string;
        /** @description Accepted by every authenticated POST. The same key from the same user within 24 h
         *     answers the first response again (2xx and 4xx; with `Idempotent-Replayed: true`) and
         *     runs nothing: 409 while the first request still runs or when its answer held
         *     credentials (never stored), 422 when the key was used for a different request
         *     (method, path and body), 400 for a malformed key. 5xx answers are not kept.
         *      */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description `true` when the answer is the stored first answer to the request's Idempotency-Key. */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
