// Shapes of the Workstead HTTP API (see API.md). Field names stay snake_case,
// exactly as they travel on the wire. Timestamps are RFC 3339 UTC strings.

export type Registration = 'open' | 'invite_only' | 'closed';

export interface User {
  id: string;
  email: string;
  name: string;
  timezone: string;
  locale: string;
  is_instance_admin: boolean;
  is_active: boolean;
  email_verified: boolean;
  totp_enabled: boolean;
  created_at: string;
}

/** Answer of register, login and refresh; the refresh token travels in a cookie. */
export interface AuthAnswer {
  user: User;
  access_token: string;
  token_type: 'Bearer';
  /** Lifetime of the access token in seconds. */
  expires_in: number;
}

export interface Session {
  id: string;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_used_at: string | null;
  /** True for the session this browser uses. */
  current: boolean;
}

/** A personal API token as listed; the secret itself is never listed. */
export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

/** Answer of `POST /me/tokens`: the only time the token value is shown. */
export interface CreatedApiToken {
  id: string;
  name: string;
  token: string;
}

export interface AuditEntry {
  id: string;
  type: string;
  user_id: string | null;
  ip: string | null;
  data: unknown;
  created_at: string;
}

export interface Meta {
  version: string;
  registration: Registration;
  /** The contract leaves the element shape open; the app does not use it yet. */
  oidc_providers: unknown[];
  /** True while no account exists: the app shows "Create the admin account". */
  setup_required?: boolean;
}

export interface InstanceSettings {
  registration: Registration;
}

/** Every list answer: `{items, next_cursor}`. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
}

export interface TotpEnabled {
  recovery_codes: string[];
}

/** The error envelope every failing response carries. */
export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
  };
  request_id?: string;
}
