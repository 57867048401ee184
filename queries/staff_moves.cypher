// staff-moves: every move of a person between two homes, in time order, with evidence.
// Parameters: $council, $provider, $person (entity IDs or null); $from, $to (ISO days or null).
// A move is placed at its date, else its sort_date, else a bound (queries/index.py move_key).
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
       [k IN range(0, size(coalesce(m.prov_source, [])) - 1) | {source: m.prov_source[k], locator: m.prov_locator[k], quote: m.prov_quote[k], rule: m.prov_rule[k], confidence: m.prov_confidence[k]}] AS evidence
ORDER BY day, m.id
