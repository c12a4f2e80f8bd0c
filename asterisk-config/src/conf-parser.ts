/**
 * A reader for Asterisk's .conf format, enough to check our own files: sections with optional
 * template marks and inheritance (`[name](!)`, `[name](tpl1,tpl2)`), `key = value` and
 * `key => value` lines, `;` comments, and `#include` / `#exec` directives.
 */

export interface ConfEntry {
  key: string;
  value: string;
  line: number;
}

export interface ConfSection {
  name: string;
  isTemplate: boolean;
  inherits: string[];
  entries: ConfEntry[];
  line: number;
}

export interface ConfFile {
  /** Entries before the first section (rare, but legal). */
  preamble: ConfEntry[];
  sections: ConfSection[];
  directives: Array<{ kind: 'include' | 'exec'; target: string; line: number }>;
}

function stripComment(line: string): string {
  // `;` starts a comment unless escaped as `\;`.
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === ';') {
      out += ';';
      i++;
      continue;
    }
    if (ch === ';') break;
    out += ch;
  }
  return out.trim();
}

export function parseConf(text: string): ConfFile {
  const file: ConfFile = { preamble: [], sections: [], directives: [] };
  let current: ConfSection | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    const directive = /^#(include|exec)\s+"?([^"]+?)"?\s*$/.exec(trimmed);
    if (directive) {
      file.directives.push({ kind: directive[1] as 'include' | 'exec', target: directive[2] as string, line: lineNo });
      return;
    }
    const line = stripComment(raw);
    if (!line) return;
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      const options = (header[2] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      current = {
        name: header[1] as string,
        isTemplate: options.includes('!'),
        inherits: options.filter((o) => o !== '!' && o !== '+'),
        entries: [],
        line: lineNo,
      };
      file.sections.push(current);
      return;
    }
    const kv = /^([^=]+?)\s*=>?\s*(.*)$/.exec(line);
    if (!kv) return;
    const entry = { key: (kv[1] as string).trim(), value: (kv[2] as string).trim(), line: lineNo };
    (current ? current.entries : file.preamble).push(entry);
  });
  return file;
}

export function section(file: ConfFile, name: string): ConfSection | undefined {
  return file.sections.find((s) => s.name === name);
}

export function values(sectionOrNull: ConfSection | undefined, key: string): string[] {
  return (sectionOrNull?.entries ?? []).filter((e) => e.key === key).map((e) => e.value);
}
