// The Amplify JavaScript client (aws-amplify, pinned in package.json) against an
// amplify_outputs.json written by `cogref emit outputs`, on the local emulator.
//
//     node scripts/amplify-client/signin.mjs OUTPUTS.json EXPECT.json EMULATOR_URL
//
// Amplify is configured from OUTPUTS and nothing else; only the emulator endpoints
// (Auth.Cognito.userPoolEndpoint / identityPoolEndpoint) are added. EXPECT (written by
// tests/integration/amplify_client.rs from the seeded account) holds:
//   config      what Amplify.getConfig().Auth.Cognito must contain, key by key (exact)
//   user        {username, password, attributes}: the user to sign up
//   sign_in     "works", or the error name sign-in must fail with (e.g. NotAuthorizedException)
//   confidential  true for a client with a secret
// Steps: check the config, sign up, confirm through the admin API, sign in (SRP), fetch the
// session (tokens of this pool and client; identity id and AWS credentials when the config
// has an identity pool), refresh it, read the attributes and the current user, sign out and
// prove the tokens were revoked. Every request Amplify sends is recorded (operation names).
//
// Prints one JSON report on stdout: {steps: [{name, ok, detail}], operations: [...],
// emulator_gaps: [{name, detail}]}; exits 0 when every step is ok, 1 otherwise, 2 on bad usage.
// An emulator gap is something moto cannot show (named, never skipped silently).
import { readFileSync } from 'node:fs';
import { Amplify } from 'aws-amplify';
import {
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';

const [outputsPath, expectPath, endpoint] = process.argv.slice(2);
if (!outputsPath || !expectPath || !endpoint) {
  console.error('usage: node signin.mjs OUTPUTS.json EXPECT.json EMULATOR_URL');
  process.exit(2);
}
const outputs = JSON.parse(readFileSync(outputsPath, 'utf8'));
const expect = JSON.parse(readFileSync(expectPath, 'utf8'));

const report = { steps: [], operations: [], emulator_gaps: [] };
const step = (name, ok, detail) => report.steps.push({ name, ok: Boolean(ok), detail });
const gap = (name, detail) => report.emulator_gaps.push({ name, detail });
const finish = () => {
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.steps.every((s) => s.ok) ? 0 : 1);
};

// Canonical JSON (sorted keys) for exact comparisons.
const canon = (v) =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]]))
      : x,
  );

// Record every request Amplify sends (X-Amz-Target operation names), keep the last bodies.
const lastBody = {};
const lastResponse = {};
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : {}));
  const target = headers.get('x-amz-target') ?? '';
  const operation = target.split('.').pop() || 'unknown';
  report.operations.push(operation);
  if (typeof init.body === 'string') lastBody[operation] = init.body;
  const res = await realFetch(input, init);
  if (operation === 'InitiateAuth' && res.ok) {
    lastResponse[operation] = await res.clone().json().catch(() => undefined);
  }
  return res;
};

// A call to the emulator outside Amplify (admin API, token probes). moto does not verify
// SigV4 signatures, so the Authorization header only carries the region and service.
const region = (id) => id.split(/[_:]/)[0];
async function call(service, operation, body, poolRegion) {
  const prefix = { 'cognito-idp': 'AWSCognitoIdentityProviderService' }[service];
  const res = await realFetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${prefix}.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20250101/${poolRegion}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  return { status: res.status, json, error: res.ok ? undefined : (json.__type ?? `HTTP ${res.status}`) };
}

const errName = (e) => e?.name ?? String(e);

async function main() {
  // 1. Configure from the emitted file alone, and check what Amplify read from it.
  Amplify.configure(outputs);
  const parsed = Amplify.getConfig().Auth?.Cognito ?? {};
  for (const [key, want] of Object.entries(expect.config)) {
    const got = parsed[key];
    step(`config ${key}`, canon(got) === canon(want), { got, want });
  }
  // Then add the emulator endpoints, and nothing else.
  const config = Amplify.getConfig();
  Amplify.configure({
    ...config,
    Auth: {
      ...config.Auth,
      Cognito: { ...config.Auth.Cognito, userPoolEndpoint: endpoint, identityPoolEndpoint: endpoint },
    },
  });
  const cognito = Amplify.getConfig().Auth.Cognito;
  const { userPoolId, userPoolClientId, identityPoolId } = cognito;
  const poolRegion = region(userPoolId);
  const { username, password, attributes } = expect.user;

  // 2. Sign up, then confirm through the admin API (no mail leaves the emulator).
  let signedUp = false;
  try {
    const r = await signUp({ username, password, options: { userAttributes: attributes } });
    signedUp = true;
    if (expect.confidential) {
      gap('sign-up-secret-hash-not-checked', 'moto accepts SignUp without SECRET_HASH for a client with a secret; Cognito rejects it (NotAuthorizedException), as it rejects the sign-in below');
    }
    step('sign up', r.nextStep?.signUpStep === 'CONFIRM_SIGN_UP' || r.isSignUpComplete, {
      nextStep: r.nextStep?.signUpStep,
      userId: r.userId,
    });
  } catch (e) {
    step('sign up', expect.sign_in !== 'works', { error: errName(e), message: e.message });
  }
  if (signedUp) {
    const c = await call('cognito-idp', 'AdminConfirmSignUp', { UserPoolId: userPoolId, Username: username }, poolRegion);
    step('confirm through the admin API', !c.error, c.error ?? 'confirmed');
  } else {
    // Sign-up itself failed (expected for a confidential client): create the user with the
    // admin API, so that the sign-in below fails for the client and not for a missing user.
    const attrs = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
    const c = await call('cognito-idp', 'AdminCreateUser',
      { UserPoolId: userPoolId, Username: username, UserAttributes: attrs, MessageAction: 'SUPPRESS' }, poolRegion);
    const p = await call('cognito-idp', 'AdminSetUserPassword',
      { UserPoolId: userPoolId, Username: username, Password: password, Permanent: true }, poolRegion);
    step('create the user through the admin API', !c.error && !p.error, c.error ?? p.error ?? 'created');
  }

  // 3. Sign in with SRP (Amplify's default flow).
  let signedIn;
  try {
    const r = await signIn({ username, password });
    signedIn = r;
  } catch (e) {
    signedIn = { error: errName(e), message: e.message };
  }
  if (expect.sign_in !== 'works') {
    step(`sign in fails with ${expect.sign_in}`, signedIn.error === expect.sign_in, signedIn);
    return;
  }
  step('sign in (SRP)', signedIn.isSignedIn && signedIn.nextStep?.signInStep === 'DONE', signedIn);
  if (!signedIn.isSignedIn) return;
  const srp = lastBody.InitiateAuth ? JSON.parse(lastBody.InitiateAuth).AuthFlow : undefined;
  step('sign-in flow is USER_SRP_AUTH', srp === 'USER_SRP_AUTH', srp);
  const challenge = lastResponse.InitiateAuth?.ChallengeParameters ?? {};
  if (cognito.loginWith?.username && challenge.USER_ID_FOR_SRP !== challenge.USERNAME) {
    gap('srp-user-id-is-sub', `moto puts the sub (${challenge.USER_ID_FOR_SRP}) in USER_ID_FOR_SRP for this username pool where Cognito puts the username (${challenge.USERNAME}); the SRP proof Amplify computes from it is not verified by moto either`);
  }

  // 4. The session: tokens of this pool and client; identity and credentials.
  const session = await fetchAuthSession();
  const access = session.tokens?.accessToken?.payload ?? {};
  const id = session.tokens?.idToken?.payload ?? {};
  step('access token of this pool and client',
    access.client_id === userPoolClientId && String(access.iss).endsWith(`/${userPoolId}`) && access.token_use === 'access',
    { client_id: access.client_id, iss: access.iss, token_use: access.token_use });
  step('id token of this client', id.aud === userPoolClientId && id.token_use === 'id', { aud: id.aud, token_use: id.token_use });
  if (identityPoolId) {
    const creds = session.credentials ?? {};
    step('identity id from the identity pool',
      typeof session.identityId === 'string' && session.identityId.startsWith(`${region(identityPoolId)}:`),
      session.identityId);
    step('AWS credentials for the identity',
      Boolean(creds.accessKeyId && creds.secretAccessKey && creds.sessionToken),
      { accessKeyId: creds.accessKeyId, expiration: creds.expiration });
    const ops = [...report.operations];
    step('identity pool calls', ops.includes('GetId') && ops.includes('GetCredentialsForIdentity'), ops);
  } else {
    step('no identity pool: no identity, no credentials', !session.identityId && !session.credentials, session.identityId ?? null);
  }

  // 5. Refresh (GetTokensFromRefreshToken: served by scripts/emulator_auth.py).
  const refreshed = await fetchAuthSession({ forceRefresh: true });
  step('refreshed session (GetTokensFromRefreshToken)',
    report.operations.includes('GetTokensFromRefreshToken') &&
      refreshed.tokens?.accessToken?.payload?.client_id === userPoolClientId,
    refreshed.tokens?.accessToken?.payload?.client_id);

  // 6. Attributes and the current user.
  const attrs = await fetchUserAttributes();
  const attrsOk = Object.entries(attributes).every(([k, v]) => attrs[k] === v) && attrs.sub === access.sub;
  step('user attributes', attrsOk, attrs);
  const current = await getCurrentUser();
  step('current user', current.userId === access.sub, current);
  if (expect.username_is_sub && current.username !== access.sub) {
    step('username is the sub (username-attribute pool)', false, current.username);
  }

  // 7. Sign out: RevokeToken (emulator_auth.py), tokens gone, refresh token revoked.
  const accessToken = session.tokens.accessToken.toString();
  await signOut();
  const after = await fetchAuthSession();
  step('signed out: no tokens left', !after.tokens, after.tokens ? 'tokens still present' : 'none');
  const revoked = lastBody.RevokeToken ? JSON.parse(lastBody.RevokeToken).Token : undefined;
  step('sign-out revoked the refresh token (RevokeToken)', Boolean(revoked), revoked ? 'sent' : 'RevokeToken not sent');
  if (revoked) {
    const r = await call('cognito-idp', 'GetTokensFromRefreshToken', { ClientId: userPoolClientId, RefreshToken: revoked }, poolRegion);
    step('the revoked refresh token no longer works', r.error === 'NotAuthorizedException', r.error ?? 'accepted');
  }
  const u = await call('cognito-idp', 'GetUser', { AccessToken: accessToken }, poolRegion);
  step('the access token of the revoked session no longer works', u.error === 'NotAuthorizedException', u.error ?? 'accepted');

  // 8. What moto cannot show: SRP password proofs are not verified.
  try {
    const wrong = await signIn({ username, password: `${password}-wrong` });
    if (wrong.isSignedIn) {
      gap('srp-password-not-verified', 'moto does not verify SRP password proofs: a wrong password signs in too, so this run cannot prove that Amplify derives the right SRP proof from the password (only that it completes the SRP exchange)');
      await signOut();
    } else {
      step('wrong password is rejected', false, wrong);
    }
  } catch (e) {
    step('wrong password is rejected', errName(e) === 'NotAuthorizedException', errName(e));
  }
}

main().then(finish, (e) => {
  step('unexpected error', false, { error: errName(e), message: e?.message, stack: e?.stack });
  finish();
});
