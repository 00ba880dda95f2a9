import { useTitle } from '../../lib/hooks';
import { SessionsCard } from './SessionsCard';
import { TokensCard } from './TokensCard';
import { TwoFactorCard } from './TwoFactorCard';

export default function SecurityPage() {
  useTitle('Security');
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Security</h1>
          <p>Where you are signed in, two-step verification, and tokens for scripts.</p>
        </div>
      </div>
      <SessionsCard />
      <TwoFactorCard />
      <TokensCard />
    </>
  );
}
