// provider-league: providers by the number of homes Ofsted's statistics list them as
// running at 31 March of $year, with the number and share whose latest overall judgement
// in that year's statistics is below Good. Parameters: $year (int), $settings
// ('childrens-homes' or 'all'), $council (council ID or null), $region (or null), $limit
// (0: all). A home is listed that year when its `snapshots` has the day, else when a
// LOCATED_IN observation has it and it lies between first_seen and last_seen. Homes listed
// without an owner count on one row with a null provider_id.
WITH toString($year) AS year, toString($year) + '-03-31' AS day
MATCH (h:Home)
WHERE CASE WHEN h.snapshots IS NOT NULL THEN day IN h.snapshots
           ELSE h.first_seen <= date(day) AND date(day) <= h.last_seen
                AND EXISTS { MATCH (h)-[l:LOCATED_IN]->() WHERE day IN l.observed } END
  AND ($settings = 'all' OR replace(toLower(coalesce(h.provision_type, '')), '’', "'") CONTAINS "children's home")
  AND ($region IS NULL OR h.region = $region)
  AND ($council IS NULL
       OR EXISTS { MATCH (h)-[l:LOCATED_IN]->(:Council {id: $council}) WHERE day IN l.observed })
OPTIONAL MATCH (p:Provider)-[r:RUNS]->(h)
WHERE day IN coalesce(r.observed, []) OR day IN coalesce(r.inferred_observed, [])
WITH year, day, h, p ORDER BY p.id
WITH year, day, h, head(collect(p)) AS p
OPTIONAL MATCH (i:Inspection)-[:OF]->(h)
WHERE i.history CONTAINS ('"' + year + '":')
WITH year, h, p, i ORDER BY coalesce(toString(i.date), '') DESC, i.id DESC
WITH year, h, p, head(collect(i)) AS i
WITH year, h, p,
     CASE WHEN i.scale = 'full' AND i.overall_score IS NOT NULL THEN 1 ELSE 0 END AS judged,
     CASE WHEN i.scale = 'full' AND i.overall_score IN [1, 2] THEN 1 ELSE 0 END AS below,
     CASE WHEN i.scale = 'full' AND i.overall_score = 1 THEN 1 ELSE 0 END AS inadequate,
     [k IN range(0, size(coalesce(h.prov_source, [])) - 1)
      WHERE h.prov_rule[k] = 'ofsted-provider-row' AND h.prov_source[k] CONTAINS year |
      {source: h.prov_source[k], locator: h.prov_locator[k], quote: h.prov_quote[k],
       rule: h.prov_rule[k], confidence: h.prov_confidence[k], home_id: h.id}] AS rows
ORDER BY h.id
WITH p, collect(h.id) AS home_ids, sum(judged) AS judged, sum(below) AS below_good,
     sum(inadequate) AS inadequate, reduce(acc = [], e IN collect(rows) | acc + e) AS evidence
WITH p, home_ids, judged, below_good, inadequate, evidence,
     coalesce(p.name, '(owner not given in the statistics)') AS provider,
     toFloat(below_good) / size(home_ids) AS share
ORDER BY size(home_ids) DESC, share DESC, provider ASC, coalesce(p.id, '') ASC
WITH collect({provider_id: p.id, provider: provider, sector: p.sector, homes: size(home_ids),
              judged: judged, below_good: below_good, inadequate: inadequate,
              share_below_good: share, home_ids: home_ids, evidence: evidence}) AS ranked
UNWIND range(0, size(ranked) - 1) AS k
WITH k, ranked[k] AS row
WHERE $limit = 0 OR k < $limit
RETURN k + 1 AS rank, row.provider_id AS provider_id, row.provider AS provider,
       row.sector AS sector, row.homes AS homes, row.judged AS judged,
       row.below_good AS below_good, row.inadequate AS inadequate,
       row.share_below_good AS share_below_good, row.home_ids AS home_ids,
       row.evidence AS evidence
ORDER BY rank
