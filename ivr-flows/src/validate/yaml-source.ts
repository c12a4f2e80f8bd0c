import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Finding, Problem, RankedProblem, YamlPath } from '../schema/common';

/**
 * One YAML file parsed with positions kept, so every finding can name its line.
 * Never throws: parse errors become problems and `data` is undefined.
 */
export class YamlSource {
  readonly problems: Problem[] = [];
  readonly data: unknown;
  private readonly doc: Document | null = null;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    let data: unknown;
    try {
      // Duplicate keys are reported by our own walk (with a better message for menu digits).
      const doc = parseDocument(text, {
        lineCounter: this.lines,
        uniqueKeys: false,
        prettyErrors: false,
        logLevel: 'silent',
      });
      this.doc = doc;
      for (const error of doc.errors) {
        const message = error.message.split('\n')[0] ?? error.message;
        this.problems.push({
          file,
          line: error.linePos?.[0]?.line ?? this.lineAt(error.pos[0]),
          message: `YAML: ${message}`,
        });
      }
      if (doc.errors.length === 0) {
        this.reportDuplicateKeys(doc);
        data = doc.toJS({ maxAliasCount: 50 });
      }
    } catch (error) {
      this.problems.push({ file, line: 1, message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
      data = undefined;
    }
    this.data = data;
  }

  private lineAt(offset: number | undefined): number {
    if (offset === undefined) return 1;
    return this.lines.linePos(offset).line;
  }

  private nodeLine(node: unknown): number | null {
    const range = (node as Node | null)?.range;
    return range ? this.lineAt(range[0]) : null;
  }

  /** Line of the value at `path` (the key's line when the value is missing). */
  lineOf(path: YamlPath): number {
    let node: unknown = this.doc?.contents ?? null;
    let line = this.nodeLine(node) ?? 1;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(segment),
        );
        if (!pair) break;
        line = this.nodeLine(pair.key) ?? line;
        node = pair.value;
        if (!node) break;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (!node) break;
      } else break;
      line = this.nodeLine(node) ?? line;
    }
    return line;
  }

  finding(f: Finding): RankedProblem {
    return {
      file: this.file,
      line: this.lineOf(f.path),
      message: f.message,
      ...(f.followOn ? { followOn: true } : {}),
    };
  }

  private reportDuplicateKeys(doc: Document): void {
    visit(doc, {
      Map: (_key, map, path) => {
        const seen = new Set<string>();
        const parentPair = path[path.length - 1];
        const inOptions = isPair(parentPair) && isScalar(parentPair.key) && parentPair.key.value === 'options';
        const inNodes =
          path.length === 3 && isPair(parentPair) && isScalar(parentPair.key) && parentPair.key.value === 'nodes';
        const menuPair = path[path.length - 3];
        const menuId = isPair(menuPair) && isScalar(menuPair.key) ? String(menuPair.key.value) : '?';
        for (const pair of map.items) {
          const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
          if (seen.has(key)) {
            const line = this.nodeLine(pair.key) ?? 1;
            this.problems.push({
              file: this.file,
              line,
              message: inOptions
                ? `menu '${menuId}': duplicate digit '${key}'`
                : inNodes
                  ? `duplicate node id '${key}'`
                  : `duplicate key '${key}'`,
            });
          }
          seen.add(key);
        }
      },
    });
  }
}
