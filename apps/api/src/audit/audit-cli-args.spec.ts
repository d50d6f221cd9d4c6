import { parseAuditArgs, UsageError } from './audit-cli-args';

describe('audit CLI arguments', () => {
  it('reads each command', () => {
    expect(parseAuditArgs(['history', '50001'])).toEqual({ command: { name: 'history', orderId: '50001' } });
    expect(parseAuditArgs(['state', '50001', '--revision', '3'])).toEqual({ command: { name: 'state', orderId: '50001', when: { revision: 3 } } });
    expect(parseAuditArgs(['state', '50001', '--at=2026-11-20T11:00:00+01:00'])).toEqual({
      command: { name: 'state', orderId: '50001', when: { at: new Date('2026-11-20T10:00:00Z') } },
    });
    expect(parseAuditArgs(['verify', '50001', '--log', '/tmp/a.log'])).toEqual({ command: { name: 'verify', orderId: '50001' }, logFile: '/tmp/a.log' });
    expect(parseAuditArgs(['checkpoints'])).toEqual({ command: { name: 'checkpoints' } });
    expect(parseAuditArgs(['verify', '--all'])).toEqual({ command: { name: 'verify-all', progressEverySeconds: 5, concurrency: 4 } });
    expect(parseAuditArgs(['verify', '--all', '--progress-every', '0.5', '--concurrency=8'])).toEqual({
      command: { name: 'verify-all', progressEverySeconds: 0.5, concurrency: 8 },
    });
  });

  it.each([
    [[], /no command/],
    [['frobnicate', '1'], /unknown command frobnicate/],
    [['history'], /needs an order id/],
    [['history', 'bad$id'], /not an order id/],
    [['history', '1', '2'], /unexpected argument 2/],
    [['history', '1', '--at', '2026-01-01T00:00:00Z'], /unknown option --at/],
    [['state', '1'], /exactly one of --at and --revision/],
    [['state', '1', '--revision', '1', '--at', '2026-01-01T00:00:00Z'], /exactly one of --at and --revision/],
    [['state', '1', '--revision', '-1'], /whole number/],
    [['state', '1', '--revision', '1.5'], /whole number/],
    [['state', '1', '--revision'], /needs a value/],
    [['state', '1', '--at', '2026-02-30T00:00:00Z'], /with a zone/],
    [['state', '1', '--at', '2026-01-01T10:00:00'], /with a zone/],
    [['state', '1', '--at', 'yesterday'], /with a zone/],
    [['verify', '1', '--all'], /not both/],
    [['verify', '--all', '--concurrency', '0'], /from 1 to 64/],
    [['verify', '--all', '--progress-every', 'often'], /progress-every/],
    [['verify', '--all', '--all'], /given twice/],
    [['checkpoints', '50001'], /unexpected argument 50001/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseAuditArgs(argv)).toThrow(UsageError);
    expect(() => parseAuditArgs(argv)).toThrow(message);
  });
});
