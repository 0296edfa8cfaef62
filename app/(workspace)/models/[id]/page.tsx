// /models/:id — one model: overview, features, leaderboard, weights, importance, and its actions.
// Another user's model is a 404, as in the API.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ModelDetails } from '@/components/models/model-details';
import { getModel } from '@/lib/access';
import { getSessionUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Model' };
export const dynamic = 'force-dynamic';

export default async function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser();
  const model = user ? await getModel(user.id, id) : null;
  if (!model) notFound();
  return <ModelDetails id={model.id} />;
}
