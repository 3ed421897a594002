/**
 * Environment n8n-core expects, set before n8n-core is first imported (harness.ts imports this first).
 * A throw-away user folder keeps n8n from touching ~/.n8n if anything asks for InstanceSettings; n8n's
 * own logger is silenced (its error reporter prints every failed node's stack). Each can be overridden
 * from the shell, e.g. N8N_LOG_LEVEL=debug npx jest ...
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_ENCRYPTION_KEY ??= 'harness-test-encryption-key';
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-harness-'));
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
