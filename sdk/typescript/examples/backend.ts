/**
 * An example backend: two tools served to the org's agents until the process is stopped. Run it with STOA_URL (the
 * gateway) and STOA_SDK_SECRET (an SDK connection's secret) in the environment. It prints REGISTERED once its tools
 * are registered and CALLED <tool> when a call reaches it (the end-to-end tests read these lines).
 */
import { z } from 'zod';
import { connect, tool, ToolError } from '../src/index.js';

const client = connect({
  url: process.env.STOA_URL ?? 'http://localhost:8080',
  secret: process.env.STOA_SDK_SECRET ?? '',
  reconnect: { baseMs: 200, maxMs: 2_000 },
  tools: [
    tool({
      name: 'word_count',
      description: 'Counts the words of a text.',
      input: z.object({ text: z.string() }),
      idempotent: true,
      handler: ({ text }) => {
        console.log('CALLED word_count');
        return { words: text.split(/\s+/).filter(Boolean).length };
      },
    }),
    tool({
      name: 'divide',
      description: 'Divides a by b.',
      input: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
      handler: (args: { a: number; b: number }) => {
        console.log('CALLED divide');
        if (args.b === 0) {
          throw new ToolError('division_by_zero', 'b must not be 0');
        }
        return args.a / args.b;
      },
    }),
  ],
});

await client.registered();
console.log('REGISTERED');
process.on('SIGTERM', () => void client.close().then(() => process.exit(0)));
