#!/usr/bin/env node
/**
 * Check Cypher text with Neo4j's own parser (@neo4j-cypher/language-support).
 *
 * stdin:  a JSON array of strings. Each string is one statement or a whole
 *         script of `;`-separated statements; a script is checked as a whole.
 * stdout: a JSON array, one entry per input string, in input order:
 *         [{"index": i, "errors": [Diag], "warnings": [Diag]}]
 *         Diag = {"message", "line", "column", "offset"}; line and column count
 *         from 1 and offset from 0 (as in Neo4j's own error messages), all in
 *         code points (so Python can index the string with `offset`); lines
 *         end at \r\n, \r or \n, as Neo4j counts them.
 *
 * Everything is checked as Cypher 5 (a leading `CYPHER 25` would override it)
 * against an empty database schema. Diagnostics that only mean "the schema is
 * unknown" ("Parameter $x is not defined.") are dropped; what remains are the
 * parser's syntax errors and the Neo4j front end's semantic errors (severity
 * Error) and its warnings (every other severity).
 *
 * Neo4j replaces `\uXXXX` escapes anywhere in the query (strings, names, even
 * comments) before it parses, and rejects a `\u` without four hex digits. The
 * packaged front end loses that error, and loses diagnostics that follow a `\u`
 * escape or a non-BMP character (emoji), so `prepare` does the replacement
 * here, swaps non-BMP characters for BMP ones, and maps positions back. One
 * cost: FIELDTERMINATOR '😀' passes here, though Neo4j counts it as two chars.
 *
 * Speed: Neo4j's front end costs 20-40 ms per statement. Generated statements
 * mostly differ only in their literal values, so each is reduced to a template
 * (see `template`: string literals become '', plain numbers in value position
 * become 0 or 0.0) and a template is checked once. A template that passes
 * clean clears all its statements; one with any diagnostic sends each of its
 * statements to an exact check, so a value that Neo4j checks (LIMIT -1, a too
 * large integer, a FIELDTERMINATOR '' width) is never hidden by a placeholder.
 * Identical strings are checked once, and the checks are spread over one
 * worker thread per CPU.
 *   CYPHER_LINT_EXACT=1   check every string itself (no templates)
 *   CYPHER_LINT_WORKERS=N use N threads (1: check in the main thread)
 *
 * Exit status: 0 when the input was checked (whether or not it had errors),
 * 2 when the input is not a JSON array of strings, 1 if the linter crashed.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

const SCHEMA = { defaultLanguage: 'CYPHER 5' };
// `:param`-style console commands are cypher-shell/Browser only, not Cypher.
const OPTIONS = { consoleCommandsEnabled: false };
const SEVERITY_ERROR = 1; // vscode-languageserver DiagnosticSeverity.Error
const BATCH = 20; // texts handed to a worker at a time
const MIN_PER_WORKER = 40; // below this many texts per thread, threads don't pay off

/**
 * {line, column, offset} of UTF-16 index `i` in `text`, counted in code points
 * (line and column from 1, offset from 0); lines end at \r\n, \r or \n as in Neo4j.
 */
function position(text, i) {
  const lines = text.slice(0, i).split(/\r\n|\r|\n/);
  const codePoints = (s) => [...s].length;
  return {
    line: lines.length,
    column: codePoints(lines[lines.length - 1]) + 1,
    offset: codePoints(text.slice(0, i)),
  };
}

/**
 * Rewrite a text for the packaged front end, which loses the diagnostics of
 * its Neo4j core (Neo4j's own syntax errors included) that lie after a
 * `\uXXXX` escape or a character outside the BMP in the same statement, and
 * mixes UTF-16 and code-point offsets. Like Neo4j, this replaces each `\uXXXX`
 * anywhere in the text (a backslash starts one unless an odd run of
 * backslashes precedes it), and it replaces each non-BMP character by one BMP
 * character of its kind. (Not mimicked: Neo4j decodes once, so a `\u005C`
 * followed by `u0041` stays `\u0041`; here the front end decodes it again.)
 * Returns {text, origin, errors}: origin[k] is the index in `original` that
 * text[k] came from (null when nothing changed), and errors are the `\u`
 * escapes without four hex digits, which Neo4j rejects.
 */
function prepare(original) {
  if (!/\\u|[\uD800-\uDFFF]/.test(original)) return { text: original, origin: null, errors: [] };
  const units = []; // [UTF-16 unit, index in original]
  const errors = [];
  let escaped = false; // the previous character is a backslash escaping this one
  for (let i = 0; i < original.length; i++) {
    if (original[i] === '\\' && !escaped && original[i + 1] === 'u') {
      const digits = original.slice(i + 2, i + 6);
      if (/^[0-9A-Fa-f]{4}$/.test(digits)) {
        units.push([String.fromCharCode(parseInt(digits, 16)), i]);
        i += 5;
        continue;
      }
      const message = `Invalid input '${digits}': expected four hexadecimal digits specifying a unicode character`;
      errors.push({ message, ...position(original, i + 2) });
    }
    escaped = original[i] === '\\' && !escaped;
    units.push([original[i], i]);
  }
  let text = '';
  const origin = [];
  for (let k = 0; k < units.length; k++) {
    const [unit, from] = units[k];
    const cp = (unit + (units[k + 1]?.[0] ?? '')).codePointAt(0);
    if (cp > 0xffff) {
      const c = String.fromCodePoint(cp);
      text += /\p{L}/u.test(c) ? 'a' : /\p{N}/u.test(c) ? '0' : '\uFFFD';
      k++; // the low surrogate
    } else {
      text += unit;
    }
    origin.push(from);
  }
  origin.push(original.length);
  return { text, origin, errors };
}

// A plain number, well inside Neo4j's limits, that is not part of a longer token.
const PLAIN_NUMBER = /\d{1,15}(?:\.\d{1,15})?(?![\p{L}\p{N}_$.])/uy;
// After `key:` or `=` (with an optional minus) a number is a value Neo4j does not check.
const VALUE_POSITION = /[:=]\s*(?:-\s*)?$/;
// A name, parameter, keyword or any other number: copied as it is.
const WORD = /[\p{L}\p{N}_$]+/uy;

/** End of the match of sticky `re` at `i`, or -1. */
function matchEnd(re, text, i) {
  re.lastIndex = i;
  return re.test(text) ? re.lastIndex : -1;
}

/**
 * The text with every string literal replaced by '' and every plain number in
 * value position (`{beds: 5}`, `SET h.lat = -1.5`) by 0 or 0.0; null when that
 * is not safe: the text has a `\u` (Neo4j rewrites those before lexing, which
 * can move string boundaries) or an unterminated string, quoted name or
 * comment. Strings are scanned with Neo4j's lexer rule: a quote, then any
 * characters where a backslash takes the next character with it, then the
 * same quote.
 */
function template(text) {
  if (text.includes('\\u')) return null;
  let out = '';
  let copied = 0; // text before this index is in `out`
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    let end;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return null;
      out += text.slice(copied, i) + "''";
      i = copied = j + 1;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1); // a doubled `` reads as two adjacent names: same effect
      if (j < 0) return null;
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      const j = text.slice(i).search(/[\r\n]/);
      i = j < 0 ? text.length : i + j;
    } else if (text.startsWith('/*', i)) {
      const j = text.indexOf('*/', i + 2);
      if (j < 0) return null;
      i = j + 2;
    } else if (
      (end = matchEnd(PLAIN_NUMBER, text, i)) > 0 &&
      VALUE_POSITION.test(text.slice(Math.max(0, i - 64), i))
    ) {
      out += text.slice(copied, i) + (text.slice(i, end).includes('.') ? '0.0' : '0');
      i = copied = end;
    } else if ((end = matchEnd(WORD, text, i)) > 0) {
      i = end;
    } else {
      i++;
    }
  }
  return out + text.slice(copied);
}

/** Make a function that lints one text and splits its diagnostics into errors and warnings. */
async function makeLinter() {
  const { lintCypherQuery, isNotParamError } = await import('@neo4j-cypher/language-support');
  return (original) => {
    const { text, origin, errors } = prepare(original);
    const result = { errors, warnings: [] };
    for (const d of lintCypherQuery(text, SCHEMA, OPTIONS).diagnostics.filter(isNotParamError)) {
      const at = Math.min(Math.max(d.offsets?.start ?? 0, 0), text.length);
      const entry = { message: d.message, ...position(original, origin ? origin[at] : at) };
      (d.severity === SEVERITY_ERROR ? result.errors : result.warnings).push(entry);
    }
    return result;
  };
}

/** Worker thread: lint each batch of [key, text] pairs it is sent and post back [key, result] pairs. */
async function serveWorker() {
  const lint = await makeLinter();
  parentPort.on('message', (batch) => {
    parentPort.postMessage(batch.map(([key, text]) => [key, lint(text)]));
  });
}

/** A linter for lists of texts: `run(texts)` resolves to their results; `close()` ends the threads. */
async function makePool(size) {
  if (size <= 1) {
    const lint = await makeLinter();
    return { run: async (texts) => texts.map(lint), close: async () => {} };
  }
  const workers = Array.from({ length: size }, () => new Worker(new URL(import.meta.url)));
  const run = (texts) =>
    new Promise((resolve, reject) => {
      const results = new Array(texts.length);
      let next = 0;
      let pending = texts.length;
      if (!pending) return resolve(results);
      const feed = (worker) => {
        const batch = [];
        for (; next < texts.length && batch.length < BATCH; next++) batch.push([next, texts[next]]);
        if (batch.length) worker.postMessage(batch);
      };
      for (const worker of workers) {
        worker.removeAllListeners('message').removeAllListeners('error').on('error', reject);
        worker.on('message', (done) => {
          for (const [key, result] of done) results[key] = result;
          pending -= done.length;
          if (pending === 0) resolve(results);
          else feed(worker);
        });
        feed(worker);
      }
    });
  return { run, close: () => Promise.all(workers.map((w) => w.terminate())) };
}

/** Lint unique texts: via shared templates where possible, then exactly where a template was not clean. */
async function lintAll(texts) {
  const exact = new Set(); // texts checked as they are
  const members = new Map(); // template -> its texts
  for (const text of texts) {
    const t = process.env.CYPHER_LINT_EXACT === '1' ? null : template(text);
    if (t === null) exact.add(text);
    else if (members.has(t)) members.get(t).push(text);
    else members.set(t, [text]);
  }
  const templates = [];
  for (const [t, group] of members) {
    if (group.length === 1) exact.add(group[0]);
    else templates.push(t);
  }

  const first = [...templates, ...exact];
  const wanted = Number(process.env.CYPHER_LINT_WORKERS) || availableParallelism();
  const pool = await makePool(Math.min(wanted, Math.floor(first.length / MIN_PER_WORKER)));
  try {
    const results = new Map();
    const firstResults = await pool.run(first);
    const retry = [];
    templates.forEach((t, i) => {
      const { errors, warnings } = firstResults[i];
      if (errors.length || warnings.length) retry.push(...members.get(t));
      else for (const text of members.get(t)) results.set(text, { errors: [], warnings: [] });
    });
    [...exact].forEach((text, i) => results.set(text, firstResults[templates.length + i]));
    (await pool.run(retry)).forEach((result, i) => results.set(retry[i], result));
    return results;
  } finally {
    await pool.close();
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  let statements;
  try {
    statements = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`cypher-lint: stdin is not valid JSON: ${e.message}\n`);
    process.exit(2);
  }
  if (!Array.isArray(statements) || !statements.every((s) => typeof s === 'string')) {
    process.stderr.write('cypher-lint: stdin must be a JSON array of strings\n');
    process.exit(2);
  }
  const results = await lintAll([...new Set(statements)]);
  const output = statements.map((text, index) => ({ index, ...results.get(text) }));
  process.stdout.write(JSON.stringify(output) + '\n');
}

if (isMainThread) await main();
else await serveWorker();
