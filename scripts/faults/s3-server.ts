// An s3rver in its own process, so the fault script can kill it outright (as a crashed or
// unreachable object store) and start it again on the same port and folder.
//
//   node --import tsx scripts/faults/s3-server.ts <folder> <port> <bucket>
import S3rver from 's3rver';

async function main(): Promise<void> {
  const [directory, port, bucket] = process.argv.slice(2);
  const server = new S3rver({
    address: '127.0.0.1',
    port: Number(port),
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  await server.run();
  process.stdout.write('s3rver ready\n');
}

main().catch((error) => {
  process.stderr.write(`s3rver failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
