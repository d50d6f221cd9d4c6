import { webhookUrlProblem } from './webhook-targets';

describe('webhook targets', () => {
  it('takes http(s) URLs only, without credentials', () => {
    expect(webhookUrlProblem('https://hooks.example.com/x', undefined)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', undefined)).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com/x', undefined)).toMatch(/http\(s\)/);
    expect(webhookUrlProblem('file:///etc/passwd', undefined)).toMatch(/http\(s\)/);
    expect(webhookUrlProblem('not a url', undefined)).toMatch(/http\(s\)/);
    expect(webhookUrlProblem('https://user:pw@hooks.example.com/', undefined)).toMatch(/credentials/);
  });

  it('restricts hosts to WEBHOOK_ALLOWED_HOSTS when set, "*." matching subdomains only', () => {
    const allowed = ['hooks.example.com', '*.partner.example'];
    expect(webhookUrlProblem('https://hooks.example.com/x', allowed)).toBeNull();
    expect(webhookUrlProblem('https://HOOKS.example.com/x', allowed)).toBeNull();
    expect(webhookUrlProblem('https://a.partner.example/x', allowed)).toBeNull();
    expect(webhookUrlProblem('https://partner.example/x', allowed)).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect(webhookUrlProblem('https://evilpartner.example/x', allowed)).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect(webhookUrlProblem('https://hooks.example.com.evil.test/x', allowed)).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
  });
});
