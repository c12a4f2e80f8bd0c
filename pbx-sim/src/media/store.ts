import fs from 'node:fs';
import path from 'node:path';
import { RECORDING_FORMATS, encodeRecording, recordingDurationMs } from './wav';

/**
 * Stored recordings on disk: `<dir>/<name>.<format>`; a `/` in the name makes sub-directories
 * and the stored name is the relative path without extension (ARI-FACTS §4).
 */
export interface StoredFile {
  name: string;
  format: string;
  file: string;
}

export class RecordingStore {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** Absolute path for name+format, or null when the name escapes the directory. */
  pathOf(name: string, format: string): string | null {
    if (!name || name.includes('\0')) return null;
    const file = path.resolve(this.dir, `${name}.${format}`);
    const rel = path.relative(this.dir, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return file;
  }

  find(name: string): StoredFile | null {
    for (const format of RECORDING_FORMATS) {
      const file = this.pathOf(name, format);
      if (file && fs.existsSync(file) && fs.statSync(file).isFile()) return { name, format, file };
    }
    return null;
  }

  list(): StoredFile[] {
    const out: StoredFile[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else {
          const ext = path.extname(entry.name).slice(1);
          if (!(RECORDING_FORMATS as readonly string[]).includes(ext)) continue;
          const rel = path.relative(this.dir, full).split(path.sep).join('/');
          out.push({ name: rel.slice(0, -(ext.length + 1)), format: ext, file: full });
        }
      }
    };
    walk(this.dir);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Write a recording of `durationMs` (for an append, the caller's total: the earlier length is
   * read once, by durationOf, because the length is announced before the file is written).
   */
  write(name: string, format: string, durationMs: number): string {
    const file = this.pathOf(name, format);
    if (!file) throw new Error(`recording name escapes the directory: ${name}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, encodeRecording(format, durationMs));
    return file;
  }

  /** Length (ms) of a stored file, from its WAV header or, for headerless formats, its size. */
  durationMs(stored: StoredFile): number | null {
    try {
      return recordingDurationMs(stored.format, fs.readFileSync(stored.file));
    } catch {
      return null;
    }
  }

  /** Length (ms) of `name` in exactly this format; null when there is no such file. */
  durationOf(name: string, format: string): number | null {
    const file = this.pathOf(name, format);
    return file && fs.existsSync(file) ? this.durationMs({ name, format, file }) : null;
  }

  delete(name: string): boolean {
    const found = this.find(name);
    if (!found) return false;
    fs.rmSync(found.file);
    return true;
  }

  copy(from: StoredFile, toName: string): StoredFile | null {
    const file = this.pathOf(toName, from.format);
    if (!file) return null;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(from.file, file);
    return { name: toName, format: from.format, file };
  }
}
