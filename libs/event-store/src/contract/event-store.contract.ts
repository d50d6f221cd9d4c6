import type { ContractFixture } from './fixture';
import { appendCases } from './append.cases';
import { concurrencyCases } from './concurrency.cases';
import { gapCases } from './gap.cases';
import { readCases } from './reads.cases';
import { subscriptionCases } from './subscription.cases';

export type { ContractFixture, HeldAppend } from './fixture';

/**
 * The behaviour every EventStore adapter must have (docs/event-store.md). Each adapter's spec
 * calls this with a setup that gives a store private to the suite; a setup that throws (no
 * server) fails every test: nothing here is skipped.
 */
export function describeEventStoreContract(name: string, setup: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: ContractFixture | undefined;
    beforeAll(async () => {
      fixture = await setup();
    });
    afterAll(async () => {
      await fixture?.teardown();
    });
    const access = (): ContractFixture => {
      if (!fixture) throw new Error(`The ${name} fixture did not start (see the beforeAll error)`);
      return fixture;
    };

    appendCases(access);
    readCases(access);
    subscriptionCases(access);
    concurrencyCases(access);
    gapCases(access);
  });
}
