// The consent log service's own load test (packages/log-service/bench.mjs), run as a
// child process; its JSON result becomes a two-column table.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Runs the service bench in `projectDir`; null when the service is not in the tree. */
export async function serviceBench(projectDir) {
  const script = join(projectDir, 'packages', 'log-service', 'bench.mjs');
  if (!existsSync(script)) return null;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, '--json'], { cwd: projectDir, env: { ...process.env, BENCH_JSON: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json = null;
      try {
        json = JSON.parse(out);
      } catch {
        const line = out.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
        try {
          json = line ? JSON.parse(line) : null;
        } catch {
          json = null;
        }
      }
      resolve({ exitCode: code, result: json, output: json ? undefined : out.trim(), stderr: code ? err.trim().slice(-2000) : undefined });
    });
  });
}

export function serviceText(service) {
  if (!service) return null;
  if (service.result) {
    const rows = [];
    const walk = (obj, path) => {
      for (const [k, v] of Object.entries(obj)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, [...path, k]);
        else rows.push(`| ${[...path, k].join('.')} | ${Array.isArray(v) ? JSON.stringify(v) : v} |`);
      }
    };
    walk(service.result, []);
    return ['| receipts service | value |', '|---|---:|', ...rows].join('\n');
  }
  return `receipts service bench (exit ${service.exitCode}):\n\n\`\`\`\n${service.output || service.stderr || '(no output)'}\n\`\`\``;
}
