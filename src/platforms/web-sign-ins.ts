// Which web sign-ins (the console's) an organisation has: one through each of its own apps,
// WeCom's and DingTalk's (the variables' for ORG_CODE's organisation, the stored ones for every
// other, npm run org). Each app's sign-in is built once and kept (it caches the app's access token).
import type { DingtalkConfig, WecomAppConfig } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import type { DingtalkOrgDirectory } from './dingtalk/org-directory.ts';
import { DingtalkWebSignIn } from './dingtalk/web-auth.ts';
import type { Channel, WebSignIn } from './types.ts';
import type { WecomOrgDirectory } from './wecom/org-directory.ts';
import { WecomWebSignIn } from './wecom/web-auth.ts';

export interface OrgSignIns {
  orgId: number;
  orgCode: string;
  signIns: Partial<Record<Channel, WebSignIn>>;
}

export interface WebSignInOptions {
  /** The deployment's own organisation (ORG_CODE). */
  home: { orgId: number; code: string };
  wecomOrgs: WecomOrgDirectory;
  wecomOAuthBase: string;
  dingtalkOrgs: DingtalkOrgDirectory;
  clock: Clock;
}

export class WebSignIns {
  private readonly built = new WeakMap<object, WebSignIn>();

  constructor(private readonly o: WebSignInOptions) {}

  /** The organisation `code` names (the home one without a code), or undefined when none is known by it. */
  async forOrg(code: string | undefined): Promise<OrgSignIns | undefined> {
    const home = code === undefined || code === this.o.home.code;
    const wanted = code ?? this.o.home.code;
    const wecom = await this.o.wecomOrgs.byCode(wanted);
    const dingtalk = await this.o.dingtalkOrgs.byCode(wanted);
    const found = wecom ?? dingtalk;
    if (!home && !found) return undefined;
    const signIns: Partial<Record<Channel, WebSignIn>> = {};
    if (wecom) signIns.wecom = this.kept(wecom.app, (app) => new WecomWebSignIn(app, this.o.wecomOAuthBase, this.o.clock));
    if (dingtalk) signIns.dingtalk = this.kept(dingtalk.app, (app) => new DingtalkWebSignIn(app, this.o.clock));
    return home ? { orgId: this.o.home.orgId, orgCode: this.o.home.code, signIns } : { orgId: found!.orgId, orgCode: found!.code, signIns };
  }

  /** One sign-in per app config (a directory hands out the same object until the app changes). */
  private kept<A extends WecomAppConfig | DingtalkConfig>(app: A, build: (app: A) => WebSignIn): WebSignIn {
    let signIn = this.built.get(app);
    if (!signIn) this.built.set(app, (signIn = build(app)));
    return signIn;
  }
}
