import { httpSloRules } from './http-slo.rules';
import { llmRules } from './llm.rules';
import { platformRules } from './platform.rules';
import { type AlertRule, type RuleFile, isAlert } from './rule-types';

/** Every rule file the build emits, to observability/generated/rules/<name>.rules.yaml. */
export function ruleFiles(): RuleFile[] {
  return [httpSloRules(), platformRules(), llmRules()];
}

export function alertsOf(file: RuleFile): AlertRule[] {
  return file.groups.flatMap((group) => group.rules.filter(isAlert));
}
