// A synthetic roster for the benchmarks, in the import file's columns.
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '文华秀英建国海涛晓东志明丽娟国庆红梅春生玉兰德胜淑珍永强桂芳';

/** A roster of n deputies: accounts bench000001.., `perGroup` to a group, the first of each its leader. */
export function rosterCsv(n: number, perGroup = 50): { csv: string; accounts: string[] } {
  const lines = ['姓名,手机号,企业微信账号,钉钉账号,代表层级,代表小组,小组职务,联络站,联络站职务'];
  const accounts: string[] = [];
  for (let i = 0; i < n; i++) {
    const account = `bench${String(i + 1).padStart(6, '0')}`;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}`;
    const group = Math.floor(i / perGroup) + 1;
    lines.push(`${name},1${String(3900000000 + i)},${account},,县区,第${group}代表小组,${i % perGroup === 0 ? '组长' : '成员'},,`);
    accounts.push(account);
  }
  return { csv: '\uFEFF' + lines.join('\n') + '\n', accounts };
}

