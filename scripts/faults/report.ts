// What each phase of the fault script did and saw, printed as it goes and summed up at the end.
import type { Account } from '../lib/app-client';
import type { Api } from './api';
import type { Cluster } from './cluster';
import type { Inventory } from './inventory';

/** Everything a phase needs: the running app, a client, and what must survive. */
export interface FaultContext {
  cluster: Cluster;
  api: Api;
  inventory: Inventory;
  /** The account whose dataset and model exist from the start. */
  owner: Account;
  /** Its cars dataset (the trainings' dataset). */
  carsId: string;
  staleSec: number;
}

export class PhaseReport {
  readonly failures: string[] = [];
  readonly began = Date.now();
  endedMs = 0;
  /** Datasets and models found missing or changed after the phase. */
  lost = 0;

  constructor(readonly name: string) {
    print(`\n== ${name}`);
  }

  /** What the script did to the app. */
  did(line: string): void {
    print(`  did:  ${line}`);
  }

  /** What it observed. */
  saw(line: string): void {
    print(`  saw:  ${line}`);
  }

  /** Records a pass or a failure; answers `ok`. */
  check(ok: boolean, passLine: string, failLine = passLine): boolean {
    if (ok) print(`  ok:   ${passLine}`);
    else {
      print(`  FAIL: ${failLine}`);
      this.failures.push(failLine);
    }
    return ok;
  }

  end(): void {
    this.endedMs = Date.now() - this.began;
    const verdict = this.failures.length === 0 ? 'PASS' : `FAIL (${this.failures.length})`;
    print(`  => ${verdict} in ${(this.endedMs / 1000).toFixed(1)} s`);
  }
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
