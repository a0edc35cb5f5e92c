#!/usr/bin/env node
// The seed detection written by hand in DuckDB SQL over the raw XML lines,
// run by bench/run.mjs in a child process (so both sides pay process start):
//   node bench/duckdb-query.mjs <events file> [threads]
//   node bench/duckdb-query.mjs --version [threads]
// Prints the result rows as a JSON array on stdout, in the shape of
// splinter's `--format json` output (firstTime/lastTime in epoch seconds).
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/duckdb-query.mjs <events file> [threads]\n');
  process.exit(2);
}

// One <Data Name='X'>value</Data> element of EventData (the generator and
// Splunk's renderXml use single quotes; accept double ones too).
const data = (name) => `nullif(regexp_extract(line, '<Data Name=[''"]${name}[''"]>([^<]*)</Data>', 1), '')`;
const sys = (tag) => `nullif(regexp_extract(line, '<${tag}>([^<]*)</${tag}>', 1), '')`;

// Splunk semantics reproduced by hand (sections of /work/shared/docs/spl-semantics.md):
// - §1.2: in `search`, OR binds tighter than the implicit AND, so the search is
//   (sourcetype=A OR source=B OR source=C) AND <the other terms>. Every event of
//   the file has source XmlWinEventLog:<Channel>, so the OR group is the
//   Channel test below.
// - §1.3-1.5: values match case-insensitively; `*` is a whole-value wildcard
//   (ILIKE with %); `=` and IN compare strings ("17", not 17); a missing field
//   never matches field=value.
// - §1.6: NOT(Image IN (...)) is also true when Image is missing.
// - §1.7: "*\\Program Files\\*" in SPL is the pattern *\Program Files\* (one
//   backslash each side), so "Program Files (x86)" is kept.
// - §2.1: stats ... by: an event missing any by-field contributes no row.
// - §5.1: _time is UtcTime read as UTC with millisecond precision.
// - §6.2: dest is Computer for EventCode 17 and 18 (EVAL-dest of the TA).
// Values are left as they are in the XML (entities such as &lt; undecoded);
// run.mjs decodes entities on both sides before comparing.
const SQL = (path) => `
WITH lines AS (
  SELECT line FROM read_csv(${sqlString(path)}, columns = {'line': 'VARCHAR'}, header = false,
                            delim = chr(1), quote = '', escape = '', auto_detect = false)
), ev AS (
  SELECT ${sys('Channel')} AS Channel,
         ${sys('Computer')} AS dest,
         ${sys('EventID')} AS EventCode,
         ${data('EventType')} AS EventType,
         ${data('PipeName')} AS PipeName,
         ${data('Image')} AS Image,
         ${data('ProcessGuid')} AS ProcessGuid,
         ${data('ProcessId')} AS ProcessId,
         ${data('UtcTime')} AS UtcTime
  FROM lines
)
SELECT dest, EventCode, PipeName, ProcessGuid, ProcessId, Image, EventType,
       epoch_ms(min(strptime(UtcTime, '%Y-%m-%d %H:%M:%S.%g'))) / 1000.0 AS firstTime,
       epoch_ms(max(strptime(UtcTime, '%Y-%m-%d %H:%M:%S.%g'))) / 1000.0 AS lastTime,
       count(*) AS count
FROM ev
WHERE lower(Channel) = 'microsoft-windows-sysmon/operational'
  AND EventCode IN ('17', '18')
  AND lower(EventType) IN ('createpipe', 'connectpipe')
  AND PipeName ILIKE '%anonymous pipe%'
  AND NOT coalesce(Image ILIKE '%\\program files\\%', false)
  AND dest IS NOT NULL AND ProcessGuid IS NOT NULL AND ProcessId IS NOT NULL AND Image IS NOT NULL
GROUP BY dest, EventCode, PipeName, ProcessGuid, ProcessId, Image, EventType
ORDER BY dest, EventCode, PipeName, ProcessGuid, ProcessId, Image, EventType
`;

function sqlString(s) {
  return `'${String(s).replaceAll("'", "''")}'`;
}

const config = threads ? { threads: String(threads) } : undefined;
const instance = await DuckDBInstance.create(':memory:', config);
const conn = await instance.connect();
if (file === '--version') {
  // version and the thread count a run with these settings would use
  const r = await conn.runAndReadAll("SELECT version(), current_setting('threads')");
  const [[version, nthreads]] = r.getRowsJS();
  process.stdout.write(JSON.stringify({ version, threads: Number(nthreads) }) + '\n');
} else {
  const reader = await conn.runAndReadAll(SQL(file));
  const rows = reader.getRowObjectsJS();
  let out = '[\n';
  for (let i = 0; i < rows.length; i++) {
    out += (i ? ',\n' : '') + JSON.stringify({ ...rows[i], count: Number(rows[i].count) });
  }
  process.stdout.write(out + '\n]\n');
}
