// What the unit structure commands say (rules U2, A2, A3).
export const unitText = {
  noGroup: (name: string) => `--unit: 本组织没有名为「${name}」的代表小组`,
  noLargeGroup: (name: string) => `--parent: 本组织没有名为「${name}」的代表小组；要新建这个代表大组，请加 --create`,
  noStation: (name: string) => `--unit: 本组织没有名为「${name}」的联络站`,
  self: (name: string) => `${name}不能属于它自己`,
  parentHasParent: (name: string) => `${name}已经属于另一个代表大组：代表大组只有一层，不能再归入别的大组`,
  childHasChildren: (name: string) => `${name}下面还有代表小组，它本身是代表大组，不能再归入别的大组`,
  attached: (child: string, parent: string, created: boolean) => `${created ? `已新建代表大组${parent}；` : ''}${child}现在属于代表大组${parent}。`,
  detached: (child: string) => `${child}不再属于任何代表大组。`,
  home: (name: string) => `${name}按“代表之家”考核活动次数和参与率。`,
  notHome: (name: string) => `${name}按一般联络站考核活动次数。`,
  largeGroupLine: (parent: string, children: string[]) => `代表大组 ${parent}：${children.join('、')}`,
  homeLine: (name: string) => `代表之家 ${name}`,
  flat: '没有代表大组，也没有标为代表之家的联络站。',
};
