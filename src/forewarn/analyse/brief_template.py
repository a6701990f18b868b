# ruff: noqa: E501  (HTML and CSS: line length means nothing here)
"""The Jinja2 template of a threat-assessment brief: one self-contained page (no external
fonts, scripts or images), readable on screen and printed to A4."""

BRIEF_TEMPLATE = r"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Threat assessment: {{ b.name }} ({{ b.as_of.isoformat() }})</title>
<style>
  @page { size: A4; margin: 14mm 13mm 16mm 13mm; }
  :root { --ink: #1d232a; --muted: #5c6670; --rule: #d9dee3; --accent: #1f3b57; --level: {{ b.level | level_colour }}; }
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink);
         font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 1000px; padding: 24px 32px; background: #fff; }
  header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 14px;
           display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; }
  .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: var(--muted); }
  h1 { font-size: 21pt; margin: 2px 0 4px; color: var(--accent); }
  .who { color: var(--muted); font-size: 9.5pt; }
  .badge { text-align: center; border: 2px solid var(--level); border-radius: 8px; padding: 6px 14px; min-width: 130px; }
  .badge .n { font-size: 26pt; font-weight: bold; color: var(--level); line-height: 1.1; }
  .badge .l { text-transform: uppercase; letter-spacing: .06em; font-size: 9pt; color: var(--level); font-weight: bold; }
  h2 { font-size: 12.5pt; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 3px;
       margin: 20px 0 8px; break-after: avoid; }
  ul.summary { margin: 6px 0 0 0; padding-left: 18px; }
  ul.summary li { margin: 3px 0; }
  .chart svg { width: 100%; height: auto; }
  .legend { font-size: 8.5pt; color: var(--muted); margin-top: 2px; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  th { text-align: left; color: var(--muted); font-weight: normal; text-transform: uppercase; font-size: 7.5pt;
       letter-spacing: .05em; border-bottom: 1px solid var(--rule); padding: 4px 6px; }
  td { border-bottom: 1px solid #eef1f4; padding: 5px 6px; vertical-align: top; }
  td.num, td.day { text-align: right; white-space: nowrap; }
  td.day { text-align: left; }
  .threat { border-left: 4px solid var(--rule); padding: 6px 0 6px 12px; margin: 10px 0; break-inside: avoid; }
  .threat.violence, .threat.military { border-left-color: #d9480f; }
  .threat .meta { font-size: 9pt; color: var(--muted); }
  .threat .meta b { color: var(--ink); }
  blockquote { margin: 5px 0; font-family: Georgia, "DejaVu Serif", serif; font-style: italic; font-size: 10.5pt; }
  .sources { font-size: 8.5pt; color: var(--muted); }
  .sources a { color: var(--accent); }
  .tag { display: inline-block; font-size: 7.5pt; text-transform: uppercase; letter-spacing: .05em; padding: 1px 6px;
         border-radius: 3px; background: #eef1f4; color: var(--ink); margin-right: 4px; }
  .tag.violence, .tag.military { background: #fde8df; color: #a93a0b; }
  .muted { color: var(--muted); }
  tr { break-inside: avoid; }
  @media print { body { padding: 0; max-width: none; } }
  footer { margin-top: 26px; border-top: 1px solid var(--rule); padding-top: 8px; font-size: 8pt; color: var(--muted); }
</style>
</head>
<body>
<header>
  <div>
    <div class="kicker">Threat assessment brief · as of {{ b.as_of.strftime("%d %B %Y") }}</div>
    <h1>{{ b.name }}</h1>
    <div class="who">
      {{ b.actor_type | lower }}{% if b.titles %} · {{ b.titles | join(", ") }}{% endif %}
      {% if b.affiliations %} · {{ b.affiliations | join(", ") }}{% endif %}
      {% if b.aliases %}<br>also written {{ b.aliases[:6] | join(", ") }}{% endif %}
    </div>
  </div>
  <div class="badge">
    <div class="n">{{ "%.0f" | format(b.score.score) }}</div>
    <div class="l">{{ b.level }}</div>
    <div class="muted" style="font-size:8pt">escalation score / 100</div>
  </div>
</header>

<section>
  <h2>Summary</h2>
  <ul class="summary">
  {% for line in b.summary %}<li>{{ line }}</li>{% endfor %}
  </ul>
</section>

<section class="chart">
  <h2>Escalation score over time</h2>
  {{ b.chart_svg | safe }}
  <div class="legend">Daily score from what was known each day. Orange dots: threats (larger when reported by more
  sources). Red lines: violent events against {{ b.name }}. Dashed: the alert level.</div>
</section>

{% set top = b.score.top_threats(5) %}
{% if top %}
<section>
  <h2>What raises today's score</h2>
  <table>
    <tr><th>Points</th><th>Date</th><th>Speaker</th><th>Why it weighs</th></tr>
    {% for c in top %}
    <tr>
      <td class="num">{{ "%.1f" | format(c.points) }}</td>
      <td class="day">{{ c.day.isoformat() }}</td>
      <td>{{ c.threat.speaker_name or c.threat.speaker_org_name or "unnamed" }}{% if c.threat.speaker_org_name and c.threat.speaker_org_name != c.threat.speaker_name %} <span class="muted">({{ c.threat.speaker_org_name }})</span>{% endif %}</td>
      <td>{{ c.threat.type }}, {{ c.threat.form }}{% for f in c.features if f.value > 0 and f.name not in ("type", "form") %}; {{ f.label }}{% if f.detail %}: {{ f.detail }}{% endif %}{% endfor %};
        confidence {{ "%.2f" | format(c.confidence) }}, recency ×{{ "%.2f" | format(c.decay) }}</td>
    </tr>
    {% endfor %}
    {% for f in b.score.target_features if f.value > 0 %}
    <tr><td class="num">{{ "%.1f" | format(f.points) }}</td><td></td><td class="muted">around the target</td><td>{{ f.label }}: {{ f.detail }}</td></tr>
    {% endfor %}
  </table>
</section>
{% endif %}

<section>
  <h2>Threats against {{ b.name }} ({{ b.threats | length }}{% if b.report_count > b.threats | length %}, reported {{ b.report_count }} times{% endif %})</h2>
  {% for t in b.threats %}
  <div class="threat {{ t.type }}">
    <div class="meta">
      <b>{{ t.date or t.first_published or "undated" }}</b> ·
      <b>{{ t.speaker_name or t.speaker_org_name or "unnamed speaker" }}</b>{% if t.speaker_org_name and t.speaker_org_name != t.speaker_name %} ({{ t.speaker_org_name }}){% endif %}
      · <span class="tag {{ t.type }}">{{ t.type }}</span><span class="tag">{{ t.form }}</span>
      {% if t.report_count > 1 %}<span class="tag">{{ t.report_count }} reports</span>{% endif %}
    </div>
    <blockquote>“{{ t.quote }}”</blockquote>
    <div class="sources">Sources:
      {% for doc_id, source, url, published in t.reports %}{% if url %}<a href="{{ url }}">{{ source }}</a>{% else %}{{ source }}{% endif %} <span class="muted">({{ published or doc_id }})</span>{% if not loop.last %}; {% endif %}{% endfor %}
    </div>
  </div>
  {% else %}
  <p class="muted">No threat against {{ b.name }} is in the store.</p>
  {% endfor %}
</section>

{% if b.behind %}
<section>
  <h2>Actors behind the threats</h2>
  <table>
    <tr><th>Actor</th><th>Organisation</th><th>Threats</th><th>First</th><th>Latest</th><th>Attacks on record</th></tr>
    {% for a in b.behind %}
    <tr><td>{{ a.name }}</td><td>{{ a.organisation or "" }}</td><td class="num">{{ a.threats }}</td>
        <td class="day">{{ a.first or "" }}</td><td class="day">{{ a.last or "" }}</td><td class="num">{{ a.attacks_on_record }}</td></tr>
    {% endfor %}
  </table>
</section>
{% endif %}

<section>
  <h2>Violent events</h2>
  {% if b.events %}
  <table>
    <tr><th>Date</th><th>Event</th><th>By</th><th>Against</th><th>Evidence</th><th>Source</th></tr>
    {% for e in b.events[:25] %}
    <tr><td class="day">{{ e.date or e.published or "" }}</td><td>{{ e.type | nice }}</td><td>{{ e.actor_name or "" }}</td>
        <td>{% if e.target_id != e.actor_id %}{{ e.target_name or "" }}{% if e.target_inferred %} <span class="muted">(inferred)</span>{% endif %}{% endif %}</td>
        <td><i>“{{ e.evidence }}”</i></td>
        <td class="sources">{% if e.url %}<a href="{{ e.url }}">{{ e.source }}</a>{% else %}{{ e.source }}{% endif %}</td></tr>
    {% endfor %}
  </table>
  {% else %}
  <p class="muted">No violent event against {{ b.name }} or by those threatening {{ b.name }} is in the store.</p>
  {% endif %}
</section>

<footer>
  Generated by forewarn on {{ b.generated }} from the documents in its store. Threats and events are extracted
  automatically from open sources and may be wrong; every quote links to its source for checking. A threat reported by
  several outlets is counted once. The escalation score weighs the type, form and specificity of each threat, the
  record of those making it, how many actors threaten, recent acceleration and violent events, with recent facts
  counting more (see docs/escalation.md); it is an aid to judgement, not a prediction.
</footer>
</body>
</html>
"""
