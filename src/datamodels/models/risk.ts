/**
 * Risk (Splunk Enterprise Security's risk data model, not part of the CIM;
 * cim-datamodels.md §2.9). One root, All_Risk, whose constraint is
 * `index=risk`: its events are the risk events that other searches' risk
 * actions write into the `risk` index. Offline there is no such index, so
 * a tstats over Risk finds no row, as it would on a Splunk server whose
 * risk index is empty.
 * Fields: the old ES model (apger/SA-RBA default/data/models/Risk.json
 * @bbfb3b9: creator, risk_message, risk_object, risk_object_type,
 * risk_score, search_name, the risk modifier counts and rule fields, tag)
 * plus the risk-event fields of current ES that security_content's
 * detections read (calculated_risk_score, normalized_risk_object,
 * annotations.*, analyticstories, threat_object*) [unverified: the ES >= 6
 * model JSON is not public]. Calculations from the old model: risk_object and
 * risk_object_type fill "unknown", risk_score fills 0.
 */
import type { DataModel } from '../types.js';
import { ev, fill, mv, num, str } from './common.js';

export const RISK: DataModel = {
  name: 'Risk',
  source: 'Splunk ES risk data model (old model: apger/SA-RBA Risk.json @bbfb3b9; cim-datamodels.md §2.9)',
  datasets: [
    {
      name: 'All_Risk',
      constraint: 'index=risk',
      fields: [
        ...str('creator', 'risk_message', 'risk_object', 'risk_object_type', 'search_name', 'savedsearch_description', 'description'),
        ...str('risk_rule_confidence', 'risk_rule_impact', 'risk_system_category', 'risk_system_priority', 'risk_user_category', 'rule_attack_tactic_technique'),
        ...num('risk_score', 'risk_modifier_count_combined', 'risk_modifier_count_system', 'risk_modifier_count_user', 'risk_modifier_count_vuln', 'risk_rule_confidence_num', 'risk_rule_impact_num'),
        // current ES risk events
        ...num('calculated_risk_score'),
        ...str('normalized_risk_object', 'risk_object_bunit', 'risk_object_category', 'risk_object_priority', 'source_event_id', 'threat_object', 'threat_object_type', 'threat_object_match_field'),
        ...mv('tag', 'annotations', 'analyticstories', 'annotations._all', 'annotations._frameworks', 'annotations.mitre_attack', 'annotations.mitre_attack.mitre_tactic', 'annotations.mitre_attack.mitre_tactic_id', 'annotations.mitre_attack.mitre_technique_id', 'annotations.mitre_attack.mitre_technique', 'annotations.kill_chain_phases', 'annotations.nist', 'annotations.cis20'),
      ],
      calcs: [fill('risk_object'), fill('risk_object_type'), ev('risk_score', 'if(isnull(risk_score) OR risk_score="",0,risk_score)')],
    },
  ],
};
