// ratings-around-moves: for each staff move, the nearest judgement of the home left and
// of the home joined on or before the move's day and after it, and the change.
// Parameters: $council, $provider, $person, $home (IDs or null); $from, $to (ISO days or
// null). A home's judgements: its inspections with an overall score, and the dated claims
// of documents about days no inspection on record covers (queries/index.py GraphIndex.history).
MATCH (a:Home)-[m:STAFF_MOVE]->(b:Home)
WITH a, m, b, coalesce(m.date, m.sort_date, m.earliest, m.latest) AS day
WHERE ($council IS NULL
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(:Council {id: $council}) }
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(:Council {id: $council}) })
  AND ($provider IS NULL
       OR EXISTS { MATCH (:Provider {id: $provider})-[:RUNS]->(a) }
       OR EXISTS { MATCH (:Provider {id: $provider})-[:RUNS]->(b) })
  AND ($person IS NULL OR m.person = $person)
  AND ($from IS NULL OR coalesce(day >= date($from), false))
  AND ($to IS NULL OR coalesce(day <= date($to), false))
  AND ($home IS NULL OR a.id = $home OR b.id = $home)
CALL {
  WITH a
  CALL {
    WITH a
    MATCH (insp:Inspection)-[:OF]->(a)
    WHERE insp.overall_score IS NOT NULL AND insp.date IS NOT NULL
    RETURN {kind: 'inspection', id: insp.id, date: insp.date, end_date: insp.end_date,
            event: insp.event, type: insp.type, judgement: insp.overall,
            score: insp.overall_score, scale: insp.scale, source: insp.source_kind,
            document_id: null, evidence: [k IN range(0, size(coalesce(insp.prov_source, [])) - 1) | {source: insp.prov_source[k], locator: insp.prov_locator[k], quote: insp.prov_quote[k], rule: insp.prov_rule[k], confidence: insp.prov_confidence[k]}]} AS j
    UNION ALL
    WITH a
    MATCH (doc:Document)-[claim:CLAIMS]->(a)
    WHERE claim.score IS NOT NULL AND claim.date IS NOT NULL
      AND NOT EXISTS {
        MATCH (other:Inspection)-[:OF]->(a)
        WHERE coalesce(other.start_date, other.date, other.end_date) - duration({days: 3}) <= CASE claim.precision WHEN 'month' THEN date.truncate('month', claim.date) + duration({months: 1}) - duration({days: 1}) WHEN 'year' THEN date.truncate('year', claim.date) + duration({years: 1}) - duration({days: 1}) ELSE claim.date END
          AND coalesce(other.end_date, other.date, other.start_date) + duration({days: 3}) >= CASE claim.precision WHEN 'month' THEN date.truncate('month', claim.date) WHEN 'year' THEN date.truncate('year', claim.date) ELSE claim.date END
      }
    RETURN {kind: 'claim', id: claim.id, date: claim.date, end_date: null, event: null,
            type: null, judgement: claim.judgement, score: claim.score, scale: claim.scale,
            source: 'document', document_id: doc.id, evidence: [k IN range(0, size(coalesce(claim.prov_source, [])) - 1) | {source: claim.prov_source[k], locator: claim.prov_locator[k], quote: claim.prov_quote[k], rule: claim.prov_rule[k], confidence: claim.prov_confidence[k]}]} AS j
  }
  WITH j ORDER BY j.date, j.id
  RETURN collect(j) AS origin_history
}
CALL {
  WITH b
  CALL {
    WITH b
    MATCH (insp:Inspection)-[:OF]->(b)
    WHERE insp.overall_score IS NOT NULL AND insp.date IS NOT NULL
    RETURN {kind: 'inspection', id: insp.id, date: insp.date, end_date: insp.end_date,
            event: insp.event, type: insp.type, judgement: insp.overall,
            score: insp.overall_score, scale: insp.scale, source: insp.source_kind,
            document_id: null, evidence: [k IN range(0, size(coalesce(insp.prov_source, [])) - 1) | {source: insp.prov_source[k], locator: insp.prov_locator[k], quote: insp.prov_quote[k], rule: insp.prov_rule[k], confidence: insp.prov_confidence[k]}]} AS j
    UNION ALL
    WITH b
    MATCH (doc:Document)-[claim:CLAIMS]->(b)
    WHERE claim.score IS NOT NULL AND claim.date IS NOT NULL
      AND NOT EXISTS {
        MATCH (other:Inspection)-[:OF]->(b)
        WHERE coalesce(other.start_date, other.date, other.end_date) - duration({days: 3}) <= CASE claim.precision WHEN 'month' THEN date.truncate('month', claim.date) + duration({months: 1}) - duration({days: 1}) WHEN 'year' THEN date.truncate('year', claim.date) + duration({years: 1}) - duration({days: 1}) ELSE claim.date END
          AND coalesce(other.end_date, other.date, other.start_date) + duration({days: 3}) >= CASE claim.precision WHEN 'month' THEN date.truncate('month', claim.date) WHEN 'year' THEN date.truncate('year', claim.date) ELSE claim.date END
      }
    RETURN {kind: 'claim', id: claim.id, date: claim.date, end_date: null, event: null,
            type: null, judgement: claim.judgement, score: claim.score, scale: claim.scale,
            source: 'document', document_id: doc.id, evidence: [k IN range(0, size(coalesce(claim.prov_source, [])) - 1) | {source: claim.prov_source[k], locator: claim.prov_locator[k], quote: claim.prov_quote[k], rule: claim.prov_rule[k], confidence: claim.prov_confidence[k]}]} AS j
  }
  WITH j ORDER BY j.date, j.id
  RETURN collect(j) AS destination_history
}
WITH a, m, b, day,
     last([j IN origin_history WHERE j.date <= day]) AS ob,
     head([j IN origin_history WHERE j.date > day]) AS oa,
     last([j IN destination_history WHERE j.date <= day]) AS db,
     head([j IN destination_history WHERE j.date > day]) AS da
RETURN m.id AS move_id,
       m.date AS date,
       m.earliest AS earliest,
       m.latest AS latest,
       m.sort_date AS sort_date,
       startNode(m).id AS from_id,
       coalesce(startNode(m).urn, startNode(m).name, startNode(m).id) AS from_home,
       endNode(m).id AS to_id,
       coalesce(endNode(m).urn, endNode(m).name, endNode(m).id) AS to_home,
       m.person AS person_id,
       coalesce(m.person_name, head(COLLECT { MATCH (x:Person {id: m.person}) RETURN x.name })) AS person,
       m.role AS role,
       m.quote AS quote,
       m.document AS document_id,
       m.derived_from AS derived_from,
       [k IN range(0, size(coalesce(m.prov_source, [])) - 1) | {source: m.prov_source[k], locator: m.prov_locator[k], quote: m.prov_quote[k], rule: m.prov_rule[k], confidence: m.prov_confidence[k]}] AS evidence,
       {before: ob, after: oa,
         change: CASE WHEN ob.scale = 'full' AND oa.scale = 'full'
                      THEN oa.score - ob.score END,
         direction: CASE
           WHEN ob IS NULL OR oa IS NULL THEN null
           WHEN ob.scale = 'full' AND oa.scale = 'full' THEN
             CASE WHEN oa.score > ob.score THEN 'better'
                  WHEN oa.score < ob.score THEN 'worse' ELSE 'same' END
           WHEN oa.scale = 'interim' THEN
             CASE oa.score WHEN 1 THEN 'improved' WHEN 0 THEN 'sustained'
                                WHEN -1 THEN 'declined' END
         END} AS origin,
       {before: db, after: da,
         change: CASE WHEN db.scale = 'full' AND da.scale = 'full'
                      THEN da.score - db.score END,
         direction: CASE
           WHEN db IS NULL OR da IS NULL THEN null
           WHEN db.scale = 'full' AND da.scale = 'full' THEN
             CASE WHEN da.score > db.score THEN 'better'
                  WHEN da.score < db.score THEN 'worse' ELSE 'same' END
           WHEN da.scale = 'interim' THEN
             CASE da.score WHEN 1 THEN 'improved' WHEN 0 THEN 'sustained'
                                WHEN -1 THEN 'declined' END
         END} AS destination
ORDER BY day, m.id
