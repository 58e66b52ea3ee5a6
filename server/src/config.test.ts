import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('the configuration', () => {
  it('has the defaults of the public contract', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/apoc.sqlite',
      smtpUrl: null,
      mailFrom: 'APoC Summits <no-reply@localhost>',
      seed: 'demo',
      production: false,
    });
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
  });

  it('derives PUBLIC_URL from PORT when unset', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl.href).toBe('http://localhost:8080/');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PUBLIC_URL', 'localhost:3000'],
    ['PUBLIC_URL', 'https://example.org/?x=1'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['MAIL_FROM', 'nobody'],
    ['APOC_SEED', 'yes'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is "%s"', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });

  it('accepts a real configuration', () => {
    const config = loadConfig({
      PORT: '443',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://summits.example.org',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      MAIL_FROM: 'APoC Summits <summits@example.org>',
      APOC_SEED: 'none',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({ port: 443, host: '0.0.0.0', seed: 'none', production: true });
  });
});
