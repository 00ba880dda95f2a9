import { describe, expectTypeOf, it } from 'vitest';
import type { AcceptInvitation, CreatedApiToken, InvitationCreate, TeamCreate, TotpEnabled, TotpSetup } from './types';

// Compile-time checks (tsc runs over the tests): the types picked out of the
// generated paths must be real shapes, never `never`.
describe('types picked from the generated schema', () => {
  it('resolves route bodies and answers', () => {
    expectTypeOf<CreatedApiToken>().toEqualTypeOf<{ id: string; name: string; token: string }>();
    expectTypeOf<TotpSetup>().toHaveProperty('otpauth_uri').toEqualTypeOf<string>();
    expectTypeOf<TotpEnabled>().toHaveProperty('recovery_codes').toEqualTypeOf<string[]>();
    expectTypeOf<InvitationCreate>().toHaveProperty('email').toEqualTypeOf<string>();
    expectTypeOf<TeamCreate>().toHaveProperty('name').toEqualTypeOf<string>();
    expectTypeOf<AcceptInvitation>().not.toBeNever();
  });
});
