// Which web sign-ins (the console's) an organisation has: the deployment's own organisation
// (ORG_CODE) signs in through its WeCom app and, when configured, DingTalk's; every other
// organisation of a many-organisation deployment through its own stored WeCom app (npm run org).
// Each app's sign-in is built once and kept (it caches the app's access token).
import type { DingtalkConfig, WecomAppConfig } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
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
  dingtalk?: DingtalkConfig;
  clock: Clock;
}

export class WebSignIns {
  private readonly wecom = new WeakMap<object, WebSignIn>();
  private readonly dingtalk?: WebSignIn;

  constructor(private readonly o: WebSignInOptions) {
    this.dingtalk = o.dingtalk ? new DingtalkWebSignIn(o.dingtalk, o.clock) : undefined;
  }

  /** The organisation `code` names (the home one without a code), or undefined when none is known by it. */
  async forOrg(code: string | undefined): Promise<OrgSignIns | undefined> {
    const home = code === undefined || code === this.o.home.code;
    const found = await this.o.wecomOrgs.byCode(code ?? this.o.home.code);
    if (!home && !found) return undefined;
    const signIns: Partial<Record<Channel, WebSignIn>> = {};
    if (found) signIns.wecom = this.wecomSignIn(found.app);
    if (home && this.dingtalk) signIns.dingtalk = this.dingtalk;
    return home ? { orgId: this.o.home.orgId, orgCode: this.o.home.code, signIns } : { orgId: found!.orgId, orgCode: found!.code, signIns };
  }

  private wecomSignIn(app: WecomAppConfig): WebSignIn {
    let signIn = this.wecom.get(app);
    if (!signIn) this.wecom.set(app, (signIn = new WecomWebSignIn(app, this.o.wecomOAuthBase, this.o.clock)));
    return signIn;
  }
}
