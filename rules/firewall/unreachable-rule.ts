import type { IpFamily, RouterRule } from '@roslint/core';
import { describeRule, filterTable, shadowedRules } from '@roslint/core';

/** A filter rule that an earlier rule always decides first. */
export const unreachableRule: RouterRule = {
  meta: {
    id: 'firewall/unreachable-rule',
    defaultSeverity: 'warning',
    summary: 'A firewall filter rule can never match because an earlier rule takes all its packets',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    for (const family of [4, 6] as IpFamily[]) {
      for (const s of shadowedRules(ctx.config, filterTable(ctx.config, family))) {
        ctx.report({
          span: s.rule.actionSpan,
          message: `${describeRule(s.rule)} can never match: ${describeRule(s.by, { withAction: true })} matches every packet it would and comes first`,
          related: [{ span: s.by.actionSpan, message: `this earlier rule takes its packets` }],
        });
      }
    }
  },
};
