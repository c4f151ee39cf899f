// One colour per PLOVER type, grouped: violence in reds, pressure in purples and oranges,
// talk and cooperation in blues and greens.
export const TYPE_COLORS = {
  ASSAULT: "#b42318", COERCE: "#7a2e8e", MOBILIZE: "#c4320a", THREATEN: "#e04f16",
  PROTEST: "#f79009", SANCTION: "#9e77ed", ACCUSE: "#ee46bc", REJECT: "#a15c07",
  REQUEST: "#0e9384", CONSULT: "#1570ef", AGREE: "#039855", SUPPORT: "#66c61c",
  COOPERATE: "#0086c9", AID: "#12b76a", CONCEDE: "#6172f3", RETREAT: "#667085",
};

export const EVENT_TYPES = Object.keys(TYPE_COLORS);

export function typeColor(type) {
  return TYPE_COLORS[type] || "#475467";
}
