import { decide } from './decide';
import { evolve } from './evolve';
import { initialOrderState } from './state';

/** The order's decider: judge a command against the folded state, fold an event into it. */
export const orderDecider = { decide, evolve, initialState: initialOrderState } as const;
