// people-at-failing-homes: people linked to $min_homes or more homes judged Inadequate
// or declining. Parameters: $min_homes (int), $link ('any', 'managed', 'responsible'),
// $during ('any', or 'during': only failing judgements dated within the link's days).
// Links: MANAGED (days from..to, else from_earliest..to_latest), or RESPONSIBLE_FOR a
// provider that RUNS the home (the RUNS spell's days). Failing: Inadequate (full 1),
// Declined in effectiveness (interim -1), or lower than the previous full judgement.
MATCH (p:Person)
CALL {
  WITH p
  MATCH (p)-[l:MANAGED]->(h:Home)
  WHERE $link IN ['any', 'managed']
  RETURN 'MANAGED' AS link, l AS rel, h, null AS provider_id, null AS runs_id,
         coalesce(l.`from`, l.from_earliest) AS lo, coalesce(l.`to`, l.to_latest) AS hi
  UNION ALL
  WITH p
  MATCH (p)-[l:RESPONSIBLE_FOR]->(pr:Provider)-[r:RUNS]->(h:Home)
  WHERE $link IN ['any', 'responsible']
  RETURN 'RESPONSIBLE_FOR' AS link, l AS rel, h, pr.id AS provider_id, r.id AS runs_id,
         r.`from` AS lo, r.`to` AS hi
}
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
UNWIND range(0, size(history) - 1) AS k
WITH p, link, rel, h, provider_id, runs_id, lo, hi, k, history[k] AS j,
     last([x IN history[0..k] WHERE x.scale = 'full']) AS previous
WITH p, link, rel, h, provider_id, runs_id, lo, hi, k, j, previous,
     CASE WHEN j.scale = 'full' AND j.score = 1 THEN 'inadequate'
          WHEN j.scale = 'interim' AND j.score = -1 THEN 'declined'
          WHEN j.scale = 'full' AND previous IS NOT NULL AND j.score < previous.score
            THEN 'lower than previous'
     END AS reason,
     CASE WHEN lo IS NULL AND hi IS NULL THEN null
          ELSE (lo IS NULL OR j.date >= lo) AND (hi IS NULL OR j.date <= hi) END AS during
WHERE reason IS NOT NULL AND ($during = 'any' OR during)
WITH p, link, rel, h, provider_id, runs_id, lo, hi, k,
     j {.*, reason: reason,
        previous: CASE WHEN previous IS NULL THEN null ELSE
          {id: previous.id, date: previous.date, judgement: previous.judgement,
           score: previous.score} END,
        during: during} AS f
ORDER BY k
WITH p, link, rel, h, provider_id, runs_id, lo, hi, collect(f) AS failing
ORDER BY h.id, rel.id, coalesce(runs_id, '')
WITH p,
     collect({link: link, link_id: rel.id, role: rel.role, home_id: h.id,
              home: coalesce(h.urn, h.name, h.id), provider_id: provider_id, runs_id: runs_id,
              `from`: lo, `to`: hi, failing: failing,
              evidence: [k IN range(0, size(coalesce(rel.prov_source, [])) - 1) | {source: rel.prov_source[k], locator: rel.prov_locator[k], quote: rel.prov_quote[k], rule: rel.prov_rule[k], confidence: rel.prov_confidence[k]}]}) AS links,
     collect(DISTINCT h.id) AS home_ids
WHERE size(home_ids) >= $min_homes
RETURN p.id AS person_id, p.name AS person, p.roles AS roles, size(home_ids) AS homes,
       home_ids, links,
       [k IN range(0, size(coalesce(p.prov_source, [])) - 1) | {source: p.prov_source[k], locator: p.prov_locator[k], quote: p.prov_quote[k], rule: p.prov_rule[k], confidence: p.prov_confidence[k]}] AS evidence
ORDER BY homes DESC, person ASC, person_id ASC
