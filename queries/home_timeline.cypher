// home-timeline: one home's dated events in one sequence: registration, providers (RUNS
// spells), managers (MANAGED tenures), staff moves in and out, judgements (inspections,
// and document claims about days no inspection covers) and closure. Parameters: $home.
// Same-day events follow the order of the `kind` ranks below; undated events come last.
MATCH (h:Home {id: $home})
CALL {
  WITH h
  WITH h WHERE h.registration_date IS NOT NULL
  RETURN {date: toString(h.registration_date), kind: 'registered', id: h.id,
          evidence: [k IN range(0, size(coalesce(h.prov_source, [])) - 1) | {source: h.prov_source[k], locator: h.prov_locator[k], quote: h.prov_quote[k], rule: h.prov_rule[k], confidence: h.prov_confidence[k]}]} AS e
  UNION ALL
  WITH h
  MATCH (p:Provider)-[r:RUNS]->(h)
  RETURN {date: coalesce(toString(r.`from`), reduce(lo = null, x IN coalesce(r.observed, []) | CASE WHEN lo IS NULL OR x < lo THEN x ELSE lo END)),
          end_date: toString(r.`to`), kind: 'provider', id: r.id, provider_id: p.id,
          provider: p.name, evidence: [k IN range(0, size(coalesce(r.prov_source, [])) - 1) | {source: r.prov_source[k], locator: r.prov_locator[k], quote: r.prov_quote[k], rule: r.prov_rule[k], confidence: r.prov_confidence[k]}]} AS e
  UNION ALL
  WITH h
  MATCH (x:Person)-[m:MANAGED]->(h)
  RETURN {date: coalesce(toString(m.`from`), toString(m.from_earliest), toString(m.from_latest),
                        reduce(lo = null, x IN coalesce(m.observed, []) | CASE WHEN lo IS NULL OR x < lo THEN x ELSE lo END)),
          end_date: coalesce(toString(m.`to`), toString(m.to_latest), toString(m.to_earliest)),
          kind: 'manager', id: m.id, person_id: x.id, person: x.name, role: m.role,
          evidence: [k IN range(0, size(coalesce(m.prov_source, [])) - 1) | {source: m.prov_source[k], locator: m.prov_locator[k], quote: m.prov_quote[k], rule: m.prov_rule[k], confidence: m.prov_confidence[k]}]} AS e
  UNION ALL
  WITH h
  MATCH (o:Home)-[m:STAFF_MOVE]->(h)
  RETURN {date: toString(coalesce(m.date, m.sort_date, m.earliest, m.latest)), kind: 'move in', id: m.id, person_id: m.person,
          person: coalesce(m.person_name, head(COLLECT { MATCH (x:Person {id: m.person}) RETURN x.name })), role: m.role,
          other_home_id: o.id, other_home: coalesce(o.urn, o.name, o.id), document_id: m.document,
          quote: m.quote, evidence: [k IN range(0, size(coalesce(m.prov_source, [])) - 1) | {source: m.prov_source[k], locator: m.prov_locator[k], quote: m.prov_quote[k], rule: m.prov_rule[k], confidence: m.prov_confidence[k]}]} AS e
  UNION ALL
  WITH h
  MATCH (h)-[m:STAFF_MOVE]->(o:Home)
  RETURN {date: toString(coalesce(m.date, m.sort_date, m.earliest, m.latest)), kind: 'move out', id: m.id, person_id: m.person,
          person: coalesce(m.person_name, head(COLLECT { MATCH (x:Person {id: m.person}) RETURN x.name })), role: m.role,
          other_home_id: o.id, other_home: coalesce(o.urn, o.name, o.id), document_id: m.document,
          quote: m.quote, evidence: [k IN range(0, size(coalesce(m.prov_source, [])) - 1) | {source: m.prov_source[k], locator: m.prov_locator[k], quote: m.prov_quote[k], rule: m.prov_rule[k], confidence: m.prov_confidence[k]}]} AS e
  UNION ALL
  WITH h
  CALL {
    WITH h
    CALL {
      WITH h
      MATCH (insp:Inspection)-[:OF]->(h)
      WHERE insp.overall_score IS NOT NULL AND insp.date IS NOT NULL
      RETURN {kind: 'inspection', id: insp.id, date: insp.date, end_date: insp.end_date,
              event: insp.event, type: insp.type, judgement: insp.overall,
              score: insp.overall_score, scale: insp.scale, source: insp.source_kind,
              document_id: null, evidence: [k IN range(0, size(coalesce(insp.prov_source, [])) - 1) | {source: insp.prov_source[k], locator: insp.prov_locator[k], quote: insp.prov_quote[k], rule: insp.prov_rule[k], confidence: insp.prov_confidence[k]}]} AS j
      UNION ALL
      WITH h
      MATCH (doc:Document)-[claim:CLAIMS]->(h)
      WHERE claim.score IS NOT NULL AND claim.date IS NOT NULL
        AND NOT EXISTS {
          MATCH (other:Inspection)-[:OF]->(h)
          WHERE coalesce(other.start_date, other.date, other.end_date) - duration({days: 3}) <= CASE claim.precision WHEN 'month' THEN date.truncate('month', claim.date) + duration({months: 1}) - duration({days: 1}) WHEN 'year' THEN date.truncate('year', claim.date) + duration({years: 1}) - duration({days: 1}) ELSE claim.date END
            AND coalesce(other.end_date, other.date, other.start_date) + duration({days: 3}) >= CASE claim.precision WHEN 'month' THEN date.truncate('month', claim.date) WHEN 'year' THEN date.truncate('year', claim.date) ELSE claim.date END
        }
      RETURN {kind: 'claim', id: claim.id, date: claim.date, end_date: null, event: null,
              type: null, judgement: claim.judgement, score: claim.score, scale: claim.scale,
              source: 'document', document_id: doc.id, evidence: [k IN range(0, size(coalesce(claim.prov_source, [])) - 1) | {source: claim.prov_source[k], locator: claim.prov_locator[k], quote: claim.prov_quote[k], rule: claim.prov_rule[k], confidence: claim.prov_confidence[k]}]} AS j
    }
    WITH j ORDER BY j.date, j.id
    RETURN collect(j) AS history
  }
  UNWIND history AS j
  RETURN {date: toString(j.date), end_date: toString(j.end_date), kind: j.kind, id: j.id,
          judgement: j.judgement, score: j.score, scale: j.scale, source: j.source,
          event: j.event, document_id: j.document_id, evidence: j.evidence} AS e
  UNION ALL
  WITH h
  WITH h WHERE h.closure_date IS NOT NULL
  RETURN {date: toString(h.closure_date), kind: 'closed', id: h.id,
          evidence: [k IN range(0, size(coalesce(h.prov_source, [])) - 1) | {source: h.prov_source[k], locator: h.prov_locator[k], quote: h.prov_quote[k], rule: h.prov_rule[k], confidence: h.prov_confidence[k]}]} AS e
}
RETURN e.date AS date, e.end_date AS end_date, e.kind AS kind, e.id AS id,
       e.judgement AS judgement, e.score AS score, e.scale AS scale, e.source AS source,
       e.event AS event, e.person_id AS person_id, e.person AS person, e.role AS role,
       e.provider_id AS provider_id, e.provider AS provider,
       e.other_home_id AS other_home_id, e.other_home AS other_home,
       e.document_id AS document_id, e.quote AS quote, e.evidence AS evidence
ORDER BY e.date IS NULL, e.date,
         CASE e.kind WHEN 'registered' THEN 0 WHEN 'provider' THEN 1 WHEN 'manager' THEN 2
                     WHEN 'move in' THEN 3 WHEN 'inspection' THEN 4 WHEN 'claim' THEN 5
                     WHEN 'move out' THEN 6 ELSE 7 END,
         e.id
