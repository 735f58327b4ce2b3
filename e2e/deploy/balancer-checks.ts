/**
 * What the balancer answers by itself, before any instance sees a request: TLS with the
 * stores reported behind it, HSTS, routing by host name, the privacy page, the body cap,
 * bodies without a length, plain HTTP redirected.
 */
import { expect } from 'bun:test';
import { API_HOST, CINEMA_HOST, CINEMA_ORIGIN } from '@kino/test-support/test-deployment';
import type { DeployStack } from './deploy-stack.ts';

const FILM = '/films/night-train';

export async function checkBalancerEdges(stack: DeployStack): Promise<void> {
  const health = await stack.request(API_HOST, '/health');
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({
    ok: true,
    stores: { db: 'postgres', live: 'redis', mail: 'smtp' },
  });
  expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
  const login = await stack.request(CINEMA_HOST, '/login');
  expect(login.status).toBe(200);
  expect(login.body).toContain('<form');
  const unknown = await stack.request(API_HOST, '/', {
    headers: { host: 'elsewhere.kino.test' },
  });
  expect(unknown.status).toBe(404);

  const policy = await stack.request(API_HOST, '/privacy?lang=en');
  expect(policy.status).toBe(200);
  expect(policy.body).toContain('Kino Vmeste privacy policy');

  // Bodies past the cap never reach an instance; neither do bodies without a length.
  const big = await stack.request(API_HOST, '/api/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filmId: 'x'.repeat(70_000), invitees: [] }),
  });
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body)).toEqual({
    error: 'The request body is too large.',
    code: 'too_large',
  });
  const chunked = await stack.request(API_HOST, '/api/rooms', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    body: '{}',
  });
  expect(chunked.status).toBe(400);

  // Plain HTTP is only ever redirected to HTTPS.
  const plain = await fetch(`http://127.0.0.1:${stack.balancer.httpPort}${FILM}`, {
    headers: { host: CINEMA_HOST },
    redirect: 'manual',
  });
  expect(plain.status).toBe(301);
  expect(plain.headers.get('location')).toBe(`${CINEMA_ORIGIN}${FILM}`);
}
