/**
 * Interactive review (`rng-fix -i`): every proposed fix is shown with its
 * finding and diff, in path and line order, and approved or skipped one by
 * one, as `git add -p` does. Files are written once, after all their fixes are
 * decided; quitting (or Ctrl-C) keeps what was approved.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseShellWords } from 'shell-quote';
import { rewriteDiff, writeRewrites, type Finding, type ScanResult, type WriteOptions, type WriteOutcome } from './engine.js';
import { filesOf, rewriteFile, type FileRewrite, type Fix } from './fix/fix.js';
import type { ProjectFile } from './project/index.js';
import { parsesCleanly } from './python/parser.js';
import { colorDiff, where } from './report/text.js';

const HELP = `y - apply this fix
n - skip this fix
a - apply this fix and all later fixes in this file
d - skip this fix and all later fixes in this file
A - apply this fix and every fix that remains
q - quit; keep the fixes applied so far
e - edit the fixed file in $VISUAL or $EDITOR before applying it
? - print this help
`;

const ANSWERS = ['y', 'n', 'a', 'd', 'A', 'q', 'e', '?'];

export interface ReviewOutcome extends WriteOutcome {
  applied: number;
  skipped: number;
  /** The review was ended with Ctrl-C (what was approved before it is still written). */
  interrupted: boolean;
}

interface ReviewState {
  approved: Fix[];
  /** Files whose text the reviewer edited by hand: that text is written as is. */
  edited: Map<ProjectFile, string>;
  applyRestOf: Set<string>;
  skipRestOf: Set<string>;
  applyAll: boolean;
  applied: number;
  skipped: number;
}

async function textWith(file: ProjectFile, fixes: Fix[]): Promise<string> {
  return (await rewriteFile(file, fixes.filter((fix) => filesOf(fix).includes(file)))).after;
}

/** The diff this fix adds on top of what is already approved, file by file. */
async function incrementalDiff(fix: Fix, state: ReviewState): Promise<string> {
  const parts: string[] = [];
  for (const file of filesOf(fix)) {
    const before = await textWith(file, state.approved);
    const after = await textWith(file, [...state.approved, fix]);
    parts.push(rewriteDiff({ file, before, after, applied: [], refused: [] }));
  }
  return parts.join('');
}

/**
 * The editor command as program and arguments: `$VISUAL` or `$EDITOR` split as
 * a shell would split words (quotes, `$VAR`), so that `code --wait` works. It
 * is never run through a shell, so nothing in it or in a file name executes.
 */
function editorArgv(): string[] | null {
  const command = process.env.VISUAL || process.env.EDITOR;
  if (!command) return null;
  const words: string[] = [];
  for (const entry of parseShellWords(command, process.env)) {
    if (typeof entry === 'string') words.push(entry);
    else if ('pattern' in entry) words.push(entry.pattern);
    else if ('op' in entry) return null;
  }
  return words.length > 0 ? words : null;
}

/** Opens `text` in the user's editor; returns the saved text, or null when no editor ran. */
function editInEditor(text: string, name: string): string | null {
  const editor = editorArgv();
  if (!editor) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'rng-fix-edit-'));
  const file = path.join(dir, path.basename(name));
  try {
    writeFileSync(file, text);
    const result = spawnSync(editor[0], [...editor.slice(1), file], { shell: false, stdio: 'inherit' });
    if (result.status !== 0) return null;
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(finding: Finding): string {
  const notEffective = finding.notEffectiveReason ? `not effective: ${finding.notEffectiveReason}\n` : '';
  return `${where(finding)}: ${finding.code} ${finding.message}\nfix: ${finding.fix}\n${notEffective}`;
}

export async function review(result: ScanResult, writeOptions: WriteOptions, color: boolean, out: (text: string) => void): Promise<ReviewOutcome> {
  const items = result.findings.flatMap((finding, index) => {
    const fix = result.plan.fixOfFinding[index];
    if (!finding.fixable || !fix) return [];
    // What `e` opens: the finding's own file when the fix edits it, else the first file it edits.
    const file = filesOf(fix).find((touched) => touched.displayPath === finding.path) ?? filesOf(fix)[0];
    return [{ finding, fix, file }];
  });
  const state: ReviewState = { approved: [], edited: new Map(), applyRestOf: new Set(), skipRestOf: new Set(), applyAll: false, applied: 0, skipped: 0 };
  const approve = (fix: Fix) => {
    state.approved.push(fix);
    state.applied++;
  };

  let quit = false;
  let interrupted = false;
  // Files that will not be written (uncommitted changes): said once, before any of their fixes is shown.
  const refused = new Map<ProjectFile, string | null>();
  const refusalOf = (touched: ProjectFile) => {
    if (!refused.has(touched)) {
      const reason = writeOptions.refuse?.(touched.path) ?? null;
      refused.set(touched, reason);
      if (reason) out(`\n${touched.displayPath}: ${reason}; its fixes are skipped.\n`);
    }
    return refused.get(touched);
  };
  for (const [position, item] of items.entries()) {
    if (quit) {
      state.skipped++;
      continue;
    }
    const { finding, fix, file } = item;
    const touchesRefused = filesOf(fix).map(refusalOf).some(Boolean);
    if (touchesRefused || filesOf(fix).some((touched) => state.edited.has(touched)) || state.skipRestOf.has(finding.path)) {
      state.skipped++;
      continue;
    }
    const diff = await incrementalDiff(fix, state);
    if (diff === '') {
      // An earlier approved fix already made this change.
      approve(fix);
      continue;
    }
    if (state.applyAll || state.applyRestOf.has(finding.path)) {
      approve(fix);
      continue;
    }
    out(`\n${describe(finding)}${colorDiff(diff, color)}`);
    // Loaded when a review asks its first question: a scan has no use for it.
    const { input } = await import('@inquirer/prompts');
    for (;;) {
      let answer: string;
      try {
        answer = (
          await input({
            message: `(${position + 1}/${items.length}) Apply this fix? [${ANSWERS.join(',')}]`,
            validate: (value) => ANSWERS.includes(value.trim()) || `answer one of ${ANSWERS.join(', ')}`,
            // An invalid answer is cleared, so the next key is not appended to it.
            theme: { validationFailureMode: 'clear' },
          })
        ).trim();
      } catch (error) {
        if ((error as Error).name !== 'ExitPromptError') throw error;
        answer = 'q';
        interrupted = true;
      }
      if (answer === '?') {
        out(HELP);
        continue;
      }
      if (answer === 'e' && file.notebook) {
        out('Notebooks cannot be edited here; answer y or n, and edit the notebook in Jupyter.\n');
        continue;
      }
      if (answer === 'e') {
        const proposed = await textWith(file, [...state.approved, fix]);
        const edited = editInEditor(proposed, file.path);
        if (edited === null) {
          out('No editor ran: set $VISUAL or $EDITOR to an editor command (a program and its arguments, no shell operators).\n');
          continue;
        }
        if (edited === proposed) {
          // Nothing was changed in the editor: the fix is approved as shown, and the file is not hand-edited.
          out('No change was saved; the fix is applied as shown.\n');
          approve(fix);
          break;
        }
        if (!(await parsesCleanly(edited))) {
          out('The edited file does not parse; it was not applied.\n');
          continue;
        }
        approve(fix);
        state.edited.set(file, edited);
        if (items.slice(position + 1).some((later) => filesOf(later.fix).includes(file))) {
          out(`${file.displayPath} was edited by hand: its later fixes are skipped; run rng-fix again for them.\n`);
        }
        break;
      }
      if (answer === 'y' || answer === 'a' || answer === 'A') {
        approve(fix);
        if (answer === 'a') state.applyRestOf.add(finding.path);
        if (answer === 'A') state.applyAll = true;
      } else {
        state.skipped++;
        if (answer === 'd') state.skipRestOf.add(finding.path);
        if (answer === 'q') quit = true;
      }
      break;
    }
  }

  const files = new Set<ProjectFile>([...state.approved.flatMap(filesOf), ...state.edited.keys()]);
  const rewrites: FileRewrite[] = [];
  for (const file of files) {
    const edited = state.edited.get(file);
    const mine = state.approved.filter((fix) => filesOf(fix).includes(file));
    const rewrite = await rewriteFile(file, mine);
    rewrites.push(edited === undefined ? rewrite : { ...rewrite, after: edited });
  }
  const outcome = await writeRewrites(result, rewrites, writeOptions);
  return { ...outcome, applied: state.applied, skipped: state.skipped, interrupted };
}
