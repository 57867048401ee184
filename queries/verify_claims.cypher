// verify-claims: every dated rating claim in documents, checked against the inspections
// in Ofsted's statistics for the home it is about (after URN resolution). Parameters:
// $document, $home (IDs or null), $status ('all', 'matches', 'contradicts', 'not found',
// 'no record'). An inspection meets a claim when its first-to-last days, widened by 3
// days, overlap the day, month or year the claim names.
MATCH (d:Document)-[c:CLAIMS]->(s)
WHERE ($document IS NULL OR d.id = $document) AND ($home IS NULL OR s.id = $home)
WITH d, c, s, CASE c.precision WHEN 'month' THEN date.truncate('month', c.date) WHEN 'year' THEN date.truncate('year', c.date) ELSE c.date END AS lo,
     CASE c.precision WHEN 'month' THEN date.truncate('month', c.date) + duration({months: 1}) - duration({days: 1}) WHEN 'year' THEN date.truncate('year', c.date) + duration({years: 1}) - duration({days: 1}) ELSE c.date END AS hi
CALL {
  WITH s, c, lo, hi
  OPTIONAL MATCH (i:Inspection)-[:OF]->(s)
  WHERE s:Home AND i.source_kind CONTAINS 'statistics'
  WITH c, lo, hi, i, abs(duration.inDays(c.date, i.date).days) AS away
  ORDER BY away, i.date, i.id
  WITH CASE WHEN i IS NULL THEN null ELSE
         {inspection_id: i.id, event: i.event, date: i.date, end_date: i.end_date,
          judgement: i.overall, score: i.overall_score, scale: i.scale, days_away: away}
       END AS record,
       coalesce(i.start_date, i.date, i.end_date) - duration({days: 3}) <= hi
          AND coalesce(i.end_date, i.date, i.start_date) + duration({days: 3}) >= lo AS inside,
       i.overall_score = c.score AND i.scale = c.scale AS same
  RETURN collect(record) AS records,
         collect(CASE WHEN inside THEN record END) AS inside,
         collect(CASE WHEN inside AND same THEN record END) AS matching
}
WITH d, c, s, records, inside, matching,
     CASE WHEN NOT s:Home OR size(records) = 0 THEN 'no record'
          WHEN size(matching) > 0 THEN 'matches'
          WHEN size(inside) > 0 THEN 'contradicts'
          ELSE 'not found' END AS status
WHERE $status = 'all' OR status = $status
RETURN c.id AS claim_id, d.id AS document_id, d.title AS document, s.id AS subject_id,
       coalesce(s.urn, s.name, s.id) AS subject, head(labels(s)) AS subject_label,
       c.urn_as_written AS urn_as_written, s.urn AS urn, c.date AS date,
       c.precision AS precision, c.judgement AS judgement, c.score AS score,
       c.scale AS scale, status,
       CASE status WHEN 'matches' THEN matching[0] WHEN 'contradicts' THEN inside[0] END
         AS record,
       CASE WHEN status = 'not found' THEN records[0..3] ELSE [] END AS candidates,
       CASE WHEN status = 'no record' AND s:Council
              THEN "Ofsted's statistics hold no inspections of councils' children's services"
            WHEN status = 'no record'
              THEN "Ofsted's statistics list no inspection of this home"
            WHEN status = 'not found' AND c.scale = 'interim'
              THEN "Ofsted's statistics list full inspections only, not interim ones"
       END AS note,
       c.prov_quote[0] AS quote,
       [k IN range(0, size(coalesce(c.prov_source, [])) - 1) | {source: c.prov_source[k], locator: c.prov_locator[k], quote: c.prov_quote[k], rule: c.prov_rule[k], confidence: c.prov_confidence[k]}] AS evidence
ORDER BY d.id, c.date, s.id, c.id
