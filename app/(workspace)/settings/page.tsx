// /settings: personal API tokens for the prediction API (create, list, revoke).
import type { Metadata } from 'next';
import { TokenManager, type TokenItem } from '@/components/settings/token-manager';
import { PageHeader } from '@/components/workspace/page-header';
import { listTokens } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const user = await getSessionUser();
  const tokens = user ? await listTokens(user.id) : [];
  const items: TokenItem[] = tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <PageHeader title="Settings" summary="Personal API tokens for predicting from scripts." />
      <section aria-labelledby="tokens-heading" className="space-y-4">
        <div>
          <h2 id="tokens-heading" className="text-lg font-semibold text-slate-900">
            API tokens
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            A token lets a script call <code>POST /api/v1/models/&#123;id&#125;/predict</code> as
            you, with the header <code>Authorization: Bearer cml_…</code>; each model&apos;s page
            shows a ready command under &ldquo;Predict from a script&rdquo;. Only a hash of each
            token is stored; revoke a token you no longer use or that may have leaked.
          </p>
        </div>
        <TokenManager initial={items} />
      </section>
    </>
  );
}
