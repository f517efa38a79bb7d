// A real OpenID Connect provider (npm oidc-provider) on loopback for the single sign-on tests.
//
//   node tests/sso/provider.mjs <port> <redirect_uris> <post_logout_redirect_uris>   (comma separated)
//
// One confidential client ("jeugdfonds", secret "geheim-van-de-test") that must use PKCE, and
// accounts keyed by their login name; each has the claims the test organisation maps. The login
// screen is the provider's own development interaction (any password). Consent is granted up
// front for this first-party client. Prints "ready" when it listens; stops on SIGTERM.
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const [port, redirectUris, postLogoutUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const ACCOUNTS = {
  anna: { email: 'anna@two.example', email_verified: true, organisatie: 'two-hr', rol: 'medewerker' },
  onbekend: { email: 'onbekend@two.example', email_verified: true, organisatie: 'two-hr', rol: 'medewerker' },
  vreemd: { email: 'vreemd@elders.example', email_verified: true, organisatie: 'elders', rol: 'medewerker' },
};

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'jeugdfonds',
    client_secret: 'geheim-van-de-test',
    redirect_uris: redirectUris.split(','),
    post_logout_redirect_uris: postLogoutUris.split(','),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'jeugdfonds'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], jeugdfonds: ['organisatie', 'rol'] },
  cookies: { keys: ['test-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    if (!ACCOUNTS[id]) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...ACCOUNTS[id] }; } };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email jeugdfonds');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

const server = provider.listen(Number(port), '127.0.0.1', () => { console.log('ready'); });
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
