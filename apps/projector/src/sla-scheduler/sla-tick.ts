/** One pass of the SLA scheduler; provided by the projector module, absent in MODE=api. */
export interface SlaTick {
  runOnce(): Promise<{ acted: number; refused: number }>;
}

export const SLA_TICK = Symbol('SLA_TICK');

export const NO_SCHEDULER: SlaTick = {
  runOnce: async () => ({ acted: 0, refused: 0 }),
};
