// Actor page: timeline chart (Apache ECharts) and threat network (Cytoscape.js), both from the API.
"use strict";

(function () {
  const TYPE_COLOURS = {
    violence: "#c0392b", military: "#7d3c98", legal: "#1f4e8c", political: "#1c6b3a", economic: "#b9770e", other: "#7f8c8d",
  };

  async function getJson(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    return response.json();
  }

  function nextPeriod(period) {
    if (period.length === 4) return String(Number(period) + 1);
    if (period.length === 7) {
      let [y, m] = period.split("-").map(Number);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
      return `${y}-${String(m).padStart(2, "0")}`;
    }
    const d = new Date(`${period}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  // every period from the first to the last, so gaps show as gaps (days only for short spans)
  function previousPeriods(period, count) {
    // the `count` periods before `period` (so a short history still reads as a timeline)
    const out = [];
    let p = period;
    for (let i = 0; i < count; i++) {
      if (p.length === 4) p = String(Number(p) - 1);
      else if (p.length === 7) {
        let [y, m] = p.split("-").map(Number);
        m -= 1;
        if (m < 1) { m = 12; y -= 1; }
        p = `${y}-${String(m).padStart(2, "0")}`;
      } else {
        const d = new Date(`${p}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() - 1);
        p = d.toISOString().slice(0, 10);
      }
      out.unshift(p);
    }
    return out;
  }

  function fillPeriods(buckets, atLeast = 8) {
    if (!buckets.length) return [];
    const byPeriod = new Map(buckets.map((b) => [b.period, b]));
    const first = buckets[0].period;
    const last = buckets[buckets.length - 1].period;
    const out = [];
    for (let p = first, guard = 0; guard < 5000; p = nextPeriod(p), guard++) {
      out.push(byPeriod.get(p) || { period: p, threats: 0, events: 0, threats_by_type: {}, events_by_type: {} });
      if (p >= last) break;
    }
    if (out.length < atLeast) {
      const empty = (p) => ({ period: p, threats: 0, events: 0, threats_by_type: {}, events_by_type: {} });
      out.unshift(...previousPeriods(out[0].period, atLeast - out.length).map(empty));
    }
    return out;
  }

  async function drawTimeline(el) {
    const note = document.getElementById("timeline-note");
    try {
      const data = await getJson(el.dataset.src);
      const buckets = fillPeriods(data.buckets);
      if (!buckets.length) {
        el.classList.add("empty-chart");
        el.textContent = "No dated threats or events against this actor.";
        return;
      }
      const types = Object.keys(TYPE_COLOURS).filter((t) => buckets.some((b) => b.threats_by_type[t]));
      const chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        grid: { left: 40, right: 40, top: 36, bottom: buckets.length > 24 ? 62 : 30 },
        // drawn on the canvas, not as HTML: nothing for the page's CSP to refuse
        tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
        legend: { top: 0, data: [...types.map((t) => `threats: ${t}`), "violent events"] },
        xAxis: { type: "category", data: buckets.map((b) => b.period), axisLabel: { hideOverlap: true } },
        yAxis: [
          { type: "value", name: "threats", minInterval: 1 },
          { type: "value", name: "events", minInterval: 1, splitLine: { show: false } },
        ],
        dataZoom: buckets.length > 24 ? [{ type: "slider", bottom: 8, height: 18 }, { type: "inside" }] : [],
        series: [
          ...types.map((t) => ({
            name: `threats: ${t}`, type: "bar", stack: "threats", barMaxWidth: 36, itemStyle: { color: TYPE_COLOURS[t] },
            data: buckets.map((b) => b.threats_by_type[t] || 0),
          })),
          {
            name: "violent events", type: "line", yAxisIndex: 1, symbolSize: 5,
            itemStyle: { color: "#111827" }, lineStyle: { width: 1.5 }, data: buckets.map((b) => b.events),
          },
        ],
      });
      window.addEventListener("resize", () => chart.resize());
      const undated = data.undated_threats + data.undated_events;
      if (note && undated) note.textContent = `${undated} threat(s) or event(s) without a precise enough date are not shown.`;
      el.dataset.rendered = "yes";
    } catch (error) {
      el.textContent = `The timeline could not be loaded (${error.message}).`;
    }
  }

  async function drawNetwork(el) {
    try {
      const data = await getJson(el.dataset.src);
      if (data.nodes.length < 2) {
        el.classList.add("empty-chart");
        el.textContent = "No threat ties with other actors.";
        return;
      }
      const maxThreats = Math.max(...data.edges.map((e) => e.threats), 1);
      const cy = window.cytoscape({
        container: el,
        elements: [
          ...data.nodes.map((n) => ({ data: { id: n.actor_id, label: n.name, type: n.type, focus: n.focus ? 1 : 0 } })),
          ...data.edges.map((e) => ({
            data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target, threats: e.threats,
              label: e.threats > 1 ? String(e.threats) : "", width: 1 + (5 * e.threats) / maxThreats },
          })),
        ],
        layout: {
          name: "concentric", concentric: (node) => (node.data("focus") ? 2 : 1), levelWidth: () => 1,
          minNodeSpacing: 40, animate: false, fit: true, padding: 30,
        },
        minZoom: 0.3,
        maxZoom: 1.6,
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 11, color: "#1d2330", "text-valign": "bottom",
            "text-margin-y": 4, width: 18, height: 18, "background-color": "#8795b0", "text-wrap": "ellipsis", "text-max-width": 140 } },
          { selector: 'node[type = "ORG"], node[type = "GROUP"]', style: { shape: "round-rectangle", "background-color": "#5d6d8c" } },
          { selector: 'node[type = "GPE"]', style: { shape: "diamond", "background-color": "#6b8f71" } },
          { selector: "node[focus = 1]", style: { width: 30, height: 30, "background-color": "#b42318", "font-weight": "bold", "font-size": 13 } },
          { selector: "edge", style: { width: "data(width)", "line-color": "#c7ccd6", "target-arrow-color": "#9aa3b5",
            "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#7a8294",
            "text-background-color": "#fff", "text-background-opacity": 1 } },
        ],
      });
      cy.on("tap", "node", (event) => {
        const id = event.target.id();
        if (!event.target.data("focus")) window.location.href = `/actors/${encodeURIComponent(id)}`;
      });
      el.dataset.rendered = "yes";
    } catch (error) {
      el.textContent = `The network could not be loaded (${error.message}).`;
    }
  }

  const timeline = document.getElementById("timeline");
  if (timeline && window.echarts) drawTimeline(timeline);
  const network = document.getElementById("network");
  if (network && window.cytoscape) drawNetwork(network);
})();
