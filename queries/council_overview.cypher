// council-overview: a council's own homes (run by the council's provider, wherever they
// are) and the other homes in its area, each with its judgements over time; then the
// council's own children's-services inspections and the claims documents make about
// them. Parameters: $council (council ID), $settings ('childrens-homes' or 'all').
// A home row's date/judgement/score are its latest judgement; `judgements` all of them.
CALL {
  MATCH (c:Council {id: $council})
  OPTIONAL MATCH (op:Provider)-[:IS_COUNCIL]->(c)
  WITH c, collect(op) AS own_providers
  CALL {
    WITH c
    MATCH (h:Home)-[:LOCATED_IN]->(c)
    RETURN h
    UNION
    WITH c
    MATCH (pr:Provider)-[:IS_COUNCIL]->(c)
    MATCH (pr)-[:RUNS]->(h:Home)
    RETURN h
  }
  WITH c, own_providers, h
  WHERE $settings = 'all' OR replace(toLower(coalesce(h.provision_type, '')), '’', "'") CONTAINS "children's home"
  OPTIONAL MATCH (p:Provider)-[r:RUNS]->(h)
  WITH c, own_providers, h, p, r ORDER BY r.`from`, p.id, r.id
  WITH c, own_providers, h, collect(p) AS spell_providers, collect(r) AS spells
  WITH c, h, spells,
       reduce(acc = [], x IN spell_providers | CASE WHEN x IN acc THEN acc ELSE acc + x END)
         AS providers,
       [r IN spells WHERE startNode(r) IN own_providers] AS own
  OPTIONAL MATCH (h)-[l:LOCATED_IN]->(c)
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
  WITH h, providers, own, l, history, last(history) AS latest
  RETURN CASE WHEN size(own) > 0 THEN 'own home' ELSE 'home in area' END AS section,
         h.id AS subject_id, coalesce(h.urn, h.name, h.id) AS subject,
         h.provision_type AS provision_type, h.sector AS sector, h.status AS status,
         h.registration_date AS registration_date, h.closure_date AS closure_date,
         h.first_seen AS first_seen, h.last_seen AS last_seen, l IS NOT NULL AS in_area,
         [x IN providers | x.id] AS provider_ids, [x IN providers | x.name] AS providers,
         latest.kind AS kind, latest.id AS id, latest.date AS date,
         latest.judgement AS judgement, latest.score AS score, latest.scale AS scale,
         latest.source AS source, latest.event AS event, latest.document_id AS document_id,
         history AS judgements,
         [k IN range(0, size(coalesce(l.prov_source, [])) - 1) | {source: l.prov_source[k], locator: l.prov_locator[k], quote: l.prov_quote[k], rule: l.prov_rule[k], confidence: l.prov_confidence[k]}]
           + reduce(acc = [], r IN own | acc + [k IN range(0, size(coalesce(r.prov_source, [])) - 1) | {source: r.prov_source[k], locator: r.prov_locator[k], quote: r.prov_quote[k], rule: r.prov_rule[k], confidence: r.prov_confidence[k]}]) AS evidence
  UNION ALL
  MATCH (c:Council {id: $council})
  CALL {
    WITH c
    CALL {
      WITH c
      MATCH (insp:Inspection)-[:OF]->(c)
      WHERE insp.overall_score IS NOT NULL AND insp.date IS NOT NULL
      RETURN {kind: 'inspection', id: insp.id, date: insp.date, end_date: insp.end_date,
              event: insp.event, type: insp.type, judgement: insp.overall,
              score: insp.overall_score, scale: insp.scale, source: insp.source_kind,
              document_id: null, evidence: [k IN range(0, size(coalesce(insp.prov_source, [])) - 1) | {source: insp.prov_source[k], locator: insp.prov_locator[k], quote: insp.prov_quote[k], rule: insp.prov_rule[k], confidence: insp.prov_confidence[k]}]} AS j
      UNION ALL
      WITH c
      MATCH (doc:Document)-[claim:CLAIMS]->(c)
      WHERE claim.score IS NOT NULL AND claim.date IS NOT NULL
        AND NOT EXISTS {
          MATCH (other:Inspection)-[:OF]->(c)
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
  RETURN "children's services" AS section, c.id AS subject_id, c.name AS subject,
         null AS provision_type, null AS sector, null AS status, null AS registration_date,
         null AS closure_date, null AS first_seen, null AS last_seen, null AS in_area,
         [] AS provider_ids, [] AS providers, j.kind AS kind, j.id AS id, j.date AS date,
         j.judgement AS judgement, j.score AS score, j.scale AS scale, j.source AS source,
         j.event AS event, j.document_id AS document_id, [] AS judgements,
         j.evidence AS evidence
}
RETURN section, subject_id, subject, provision_type, sector, status, registration_date,
       closure_date, first_seen, last_seen, in_area, provider_ids, providers, kind, id, date,
       judgement, score, scale, source, event, document_id, judgements, evidence
ORDER BY CASE section WHEN 'own home' THEN 0 WHEN 'home in area' THEN 1 ELSE 2 END,
         coalesce(subject, ''), subject_id, coalesce(toString(date), ''), coalesce(id, '')
