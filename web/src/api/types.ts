// Shapes of the Workstead HTTP API, taken from the types generated from
// docs/openapi.yaml (schema.d.ts, `npm run gen:api`), so the client cannot
// drift from the server: a changed field breaks `tsc`. Field names stay
// snake_case, exactly as they travel on the wire. Timestamps are RFC 3339 UTC.
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON body of a route's success answer (`JsonAnswer<'/api/v1/me', 'get'>`). */
export type JsonAnswer<P extends keyof paths, M extends Method, S extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer T } }
      ? T
      : never
    : never
  : never;

/** The JSON request body of a route. */
export type JsonBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

// Accounts
export type User = Schemas['User'];
/** Answer of register, login and refresh; the refresh token travels in a cookie. */
export type AuthAnswer = Schemas['AuthAnswer'];
export type Session = Schemas['Session'];
/** A personal API token as listed; the secret itself is never listed. */
export type ApiToken = Schemas['ApiToken'];
/** Answer of `POST /me/tokens`: the only time the token value is shown. */
export type CreatedApiToken = JsonAnswer<'/api/v1/me/tokens', 'post', 201>;
export type TotpSetup = JsonAnswer<'/api/v1/auth/totp/setup', 'post'>;
export type TotpEnabled = JsonAnswer<'/api/v1/auth/totp/enable', 'post'>;
export type ProfileUpdate = Schemas['ProfileUpdate'];

// Instance
export type Meta = Schemas['Meta'];
export type Registration = Meta['registration'];
export type InstanceSettings = Schemas['InstanceSettings'];
export type AuditEntry = Schemas['AuditEntry'];

// Workspaces
export type Role = Schemas['Role'];
export type Workspace = Schemas['Workspace'];
export type WorkspaceCreate = Schemas['WorkspaceCreate'];
export type WorkspacePatch = Schemas['WorkspacePatch'];
export type UserRef = Schemas['UserRef'];
export type Member = Schemas['Member'];
export type Invitation = Schemas['Invitation'];
export type InvitationCreate = JsonBody<'/api/v1/workspaces/{ws}/invitations', 'post'>;
export type InvitationPreview = Schemas['InvitationPreview'];
export type AcceptInvitation = JsonBody<'/api/v1/invitations/{invitation}/accept', 'post'>;
export type Team = Schemas['Team'];
export type TeamCreate = JsonBody<'/api/v1/workspaces/{ws}/teams', 'post'>;
export type WorkspaceEvent = Schemas['Event'];
export type ActivityItem = Schemas['ActivityItem'];

/** Every list answer: `{items, next_cursor}`. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** The error envelope every failing response carries. */
export type ErrorEnvelope = Schemas['Error'];
