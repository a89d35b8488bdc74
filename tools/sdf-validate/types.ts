/** One broken rule: the file (relative to the project directory, with `/`), the rule name and what is wrong. */
export interface Failure {
  file: string;
  rule: string;
  message: string;
}

export interface ValidationResult {
  failures: Failure[];
  checked: { objects: number; files: number };
}

/** Collects failures for one file. */
export type Report = (rule: string, message: string) => void;
