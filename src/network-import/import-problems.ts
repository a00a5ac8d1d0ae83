// The problems of an import, as its report lists them: the first MAX_LISTED_PROBLEMS by line, and
// how many more there were. A hostile or badly saved file may have one problem per field of
// 100,000 rows (a header of 125,000 columns answered with 40 MB of errors): what is kept stays
// bounded while they are counted.
import type { ImportProblem } from './csv-layout';

export const MAX_LISTED_PROBLEMS = 100;

const byLine = (a: ImportProblem, b: ImportProblem) => a.line - b.line;

export class ImportProblems {
  private kept: ImportProblem[] = [];
  private total = 0;

  add(problems: readonly ImportProblem[]): void {
    for (const problem of problems) {
      this.total++;
      this.kept.push(problem);
    }
    // Cut back now and then rather than on every add: the sort is stable, so the problems of
    // one line keep the order they were found in.
    if (this.kept.length >= 4 * MAX_LISTED_PROBLEMS) this.cut();
  }

  get count(): number {
    return this.total;
  }

  /** The first problems by line, at most MAX_LISTED_PROBLEMS. */
  listed(): ImportProblem[] {
    this.cut();
    return [...this.kept];
  }

  private cut(): void {
    this.kept.sort(byLine);
    if (this.kept.length > MAX_LISTED_PROBLEMS) this.kept.length = MAX_LISTED_PROBLEMS;
  }
}
