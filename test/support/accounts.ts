import request from 'supertest';
import { uniqueName } from './service-env';

export interface TestAccount {
  readonly email: string;
  readonly password: string;
  readonly userId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Registers a fresh user through the API and logs in. */
export async function signUp(baseUrl: string, label = 'user'): Promise<TestAccount> {
  const email = `${uniqueName(label)}@example.com`.toLowerCase();
  const registered = await request(baseUrl)
    .post('/api/v1/auth/register')
    .send({ email, password: TEST_PASSWORD })
    .expect(201);
  return { ...(await logIn(baseUrl, email, TEST_PASSWORD)), userId: registered.body.id as string };
}

export async function logIn(
  baseUrl: string,
  email: string,
  password: string,
): Promise<Omit<TestAccount, 'userId'> & { userId: string }> {
  const response = await request(baseUrl).post('/api/v1/auth/login').send({ email, password }).expect(200);
  const me = await request(baseUrl)
    .get('/api/v1/auth/me')
    .set('authorization', `Bearer ${response.body.accessToken}`)
    .expect(200);
  return {
    email,
    password,
    userId: me.body.id as string,
    accessToken: response.body.accessToken as string,
    refreshToken: response.body.refreshToken as string,
  };
}

export const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];
