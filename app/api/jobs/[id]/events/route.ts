// GET /api/jobs/:id/events: the job's status as server-sent events, one `job` event per change,
// ending when the job finishes. An alternative to polling GET /api/jobs/:id.
import { orNotFound } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http';
import { getJobForOwner, jobView, type JobRow } from '@/lib/queue';

interface Context {
  params: Promise<{ id: string }>;
}

/** How often the row is read; one indexed primary-key lookup each time. */
const pollMs = 1000;
/** A comment line now and then keeps proxies from closing an idle stream. */
const keepAliveMs = 15_000;

const finished = new Set<JobRow['status']>(['COMPLETED', 'FAILED', 'CANCELLED']);

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const user = await requireUser(request);
  const { id } = await params;
  const first = orNotFound(await getJobForOwner(user.id, id), 'Job');

  const encoder = new TextEncoder();
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    cancel() {
      cancelled = true;
    },
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      let last = '';
      let quietMs = 0;
      let job: JobRow | null = first;
      while (job && !cancelled && !request.signal.aborted) {
        const data = JSON.stringify(jobView(job));
        if (data !== last) {
          send(`event: job\ndata: ${data}\n\n`);
          last = data;
          quietMs = 0;
        } else if ((quietMs += pollMs) >= keepAliveMs) {
          send(': keep-alive\n\n');
          quietMs = 0;
        }
        if (finished.has(job.status)) break;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        job = await getJobForOwner(user.id, id);
      }
      if (!cancelled) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    },
  });
});
