"""Role reading: which actors fill the source and target of a trigger, from the parse
(subjects through control and coordination, passive agents, objects, target prepositions,
owners of instruments and attacked places, addressees of demands)."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.actor_facilities import people_before_places
from flashpoint.extract.addressees import addressees
from flashpoint.extract.arrivals import VISIT
from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.casualty_amounts import subject_dies
from flashpoint.extract.fight_sides import between_sides, reported_fight_sides
from flashpoint.extract.implied_parties import as_forces
from flashpoint.extract.lexicon import SAID_TYPES, Trigger
from flashpoint.extract.parse_paths import (
    OBJECT_DEPS,
    children_with,
    content_noun,
    each_side,
    is_passive,
    joined_by,
    measured,
    passive_subjects,
    pobjs,
    reciprocal,
    relative_gap,
    small_clause_subjects,
    subjects,
    to_infinitive,
)
from flashpoint.extract.parties import (
    CHALLENGERS,
    FIRING,
    PartyReader,
    is_place_facility,
    other_parties,
    same_side,
    state_forces,
)
from flashpoint.extract.restrictions import restricted_destinations
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor

_CARRIER_PREPS = frozenset({"in", "during", "with", "through", "to"})  # "committed to a truce"
# "Blinken flew to Riyadh for talks", "Modi arrived in Moscow on a state visit": the traveller
# holds the talks or pays the visit, and where he went is the host.
_TRAVEL_VERBS = frozenset({"arrive", "fly", "travel", "head", "go", "come", "land", "journey"})
_PURPOSE_PREPS = frozenset({"for", "on"})
_BORDER_WORDS = frozenset({"border", "crossing", "frontier", "airspace", "border crossing"})
# Speech verbs whose speaker performs the act named as their object ("announced sanctions",
# "declared a ceasefire"), unlike "condemned the attack".
_CAUSING_VERBS = frozenset({"prompt", "spark", "trigger", "fuel", "ignite", "stoke", "cause"})
_ENACTING_SPEECH = frozenset({"announce", "unveil", "declare", "proclaim"})
# "The Taliban suspended classes, drawing condemnation from the UN": the reaction a subject's
# act draws is aimed at that subject.
_RECEIVING = frozenset({"receive", "get"})
_DRAWING_VERBS = _RECEIVING | {"draw", "prompt", "spark", "provoke", "earn", "attract", "trigger"}
_NAMING_VERBS = frozenset(
    {"designate", "declare", "name", "label", "brand", "list", "dub", "call", "term", "describe"}
)
_SPEECH_ACTS = SAID_TYPES - {"SUPPORT"}  # "deploy forces to support Assad" is no speech
# Who is spoken about rather than speaking when a reported clause names them first
# ("warned that civilians faced starvation, and urged the army to ...").
_VOICELESS = frozenset({"CVL", "REF"})
_CANDIDACY_NOUNS = frozenset({"bid", "application", "candidacy", "accession", "membership"})
_TOPIC_VERBS = frozenset({"discuss", "debate", "negotiate"})
_LAND_NOUNS = frozenset({"region", "territory", "province", "district", "town", "village", "city"})
_ENVOY_NOUNS = frozenset({"ambassador", "envoy", "diplomat", "mission", "embassy", "consul"})


class RoleReader(PartyReader):
    """Reads source and target actors for a trigger from the parse."""

    def verbal(self, token: Token, trig: Trigger) -> tuple[list[Actor], list[Actor]]:
        if trig.roles == "receiver":  # "Ukraine received F-16s from Denmark"
            givers = pobjs(token, trig.target_preps)
            return self.of(givers) or self.countries_at(givers), self.of(subjects(token))
        if reciprocal(token):  # "Russia and Ukraine accused each other of shelling"
            shared = each_side(token)
            return self.of(subjects(shared if shared is not None else token)), []
        if trig.roles == "symmetric" and not subjects(token):
            # "fighting between the army and the RSF raged" (the gerund parsed as a verb)
            sides = between_sides(self, token)
            if len(sides) >= 2:
                return sides[:1], sides[1:]
        aimed_at = pobjs(token, trig.target_preps)
        # "fired rockets toward Israel": a country named as where the act is aimed is its target
        targets_by_prep = people_before_places(self.of(aimed_at)) or self.countries_at(aimed_at)
        if is_passive(token):
            sources = self.of(
                g for c in children_with(token, {"agent"}) for g in c.children if g.dep_ == "pobj"
            )
            if not sources:  # "killed in an Israeli airstrike": the strike's owner acted
                # ("were killed and three wounded in clashes with ...": the phrase is shared)
                passives = [c for c in token.children if c.dep_ == "conj" and c.tag_ == "VBN"]
                in_phrases = [p for v in [token, *passives] for p in pobjs(v, ["in"])]
                sources = [a for c in in_phrases for a in self._carrier_agents(c)]
            struck = passive_subjects(token)
            if trig.event_type == "ASSAULT" and token.lemma_.lower() in FIRING:
                # "missiles fired by Iran at Israel": what is fired is no target (what is
                # shot down is)
                struck = [s for s in struck if s.lemma_.lower() not in self.weapons]
            told_as_time = any(c.dep_ == "mark" for c in token.children)  # "after they were"
            if (
                trig.roles == "self"
                and not sources
                and trig.event_type == "MOBILIZE"
                and not told_as_time
            ):
                # "North Korean troops were deployed to Russia": the forces moved are the side
                moved = self.of(struck)
                return moved, [t for t in targets_by_prep if not same_side(t, moved)]
            return sources, self.of(struck) or targets_by_prep
        sources = self.of(subjects(token)) or self.document_author(token)
        # "..., Ukraine's military said, accusing Moscow": the speaker, whoever the clause's
        # subject is
        aside = token.dep_ == "advcl" and token.tag_ == "VBG"
        if trig.event_type in _SPEECH_ACTS and (
            aside or all(s.sector in _VOICELESS for s in sources)
        ):
            sources = self._reporter(token) or sources
        sources += self.of(joined_by(token))  # "Egypt joined the US in urging Hamas to ..."
        named = [content_noun(c) for c in children_with(token, OBJECT_DEPS)]
        named = named or relative_gap(token)  # "a sailor they accused of spying"
        # "branded the sanctions illegal": the subject of the small clause
        named += [content_noun(g) for g in small_clause_subjects(token)]
        if token.lemma_.lower() in _NAMING_VERBS:
            # "designated the Houthis a terrorist group": what the object is called is no party
            named = named[:1]
        if token.lemma_.lower() in _TOPIC_VERBS:
            named = []  # "Zelensky and Biden discussed air defence": a topic, no party
        # "The US, Britain and Australia urged their citizens to leave": each its own citizens
        # ("ended its agreement with France" keeps the agreement: what it is with is read below)
        objects = [o for o in named if not self._own(o, sources)]
        if trig.event_type == "ASSAULT" and trig.target_preps and self._fires_weapons(trig):
            # "Russia launched 48 drones", "fired rockets at Israel": what is fired is no target
            # (what is shot down is: the row names no preposition for a target)
            objects = [o for o in objects if o.lemma_.lower() not in trig.objects]
        if trig.event_type == "AID" and trig.objects:
            # "shipped shells to Russia", "gave Ukraine tanks": the goods are not the receiver
            receivers = [o for o in objects if o.lemma_.lower() not in trig.objects]
            found = self.of(receivers) or targets_by_prep or self.misparsed_dative(token)
            return sources, found or self.recipient([token])
        if (trig.mode or "").startswith("territory"):
            if targets_by_prep:
                return sources, targets_by_prep  # "recaptured the town from Islamist insurgents"
            # "captured the city of Goma": the town taken is where, not whom
            held = [t for t in self.of(objects) if not is_place_facility(t)]
            regained = trig.mode == "territory-regained"
            return sources, held or self._holders(objects, sources, regained=regained)
        if trig is VISIT:
            return sources, self.visited(token, ("in", "at"))  # "arrived in Kyiv": its government
        # "ratified Sweden's NATO membership bid": a bid is its owner's, whatever it is for
        bids = [o for o in objects if o.lemma_.lower() in _CANDIDACY_NOUNS]
        targets = (
            [a for b in bids for a in self.possessor(b)] or self.of(objects) or targets_by_prep
        )
        if trig.event_type == "ASSAULT":
            targets = self.launchers(objects) or targets
        if trig.event_type in SAID_TYPES:
            # "pledged Washington's full backing for Israel": the backing is for Israel, not
            # for its owner
            aimed = [
                t
                for o in objects
                if (row := match_trigger(o, self.lexicon)) is not None
                and row.event_type == trig.event_type
                for t in pobjs(o, row.target_preps | {"for", "to"})
            ]
            targets = self.of(aimed) or targets
        envoys = [o for o in named if o.lemma_.lower() in _ENVOY_NOUNS]
        if envoys and all(same_side(t, sources) for t in self.of(envoys) or targets):
            targets = self.envoy_hosts([*envoys, token])  # "recalled its ambassador to France"
        if not targets:  # "launched an offensive against X", "blamed the attack on X"
            preps = trig.target_preps | {"on", "against"}
            # "fired a barrage of rockets at Israeli towns": the phrase may hang on the measure
            carriers = dict.fromkeys(named + children_with(token, OBJECT_DEPS))
            named_there = [t for obj in carriers for t in pobjs(obj, preps)]
            # "eased restrictions on Gaza": a territory named there is its people's
            targets = self.of(named_there) or self.countries_at(named_there)
        if not targets and trig.event_type in {"ASSAULT", "COERCE"}:
            # "fired tear gas to disperse them", "launched raids to destroy Hamas tunnels":
            # what the act is done for names whom it is aimed at
            targets = self.purpose_targets(token, hostile_only=False)
        if not targets and trig.event_type != "ASSAULT":
            # "condemned Israel's move", "sanctions on two Russian banks": the owner is the target
            preps = trig.target_preps | {"on"}
            holders = objects + [p for o in [*objects, token] for p in pobjs(o, preps)]
            targets = [a for h in holders for a in self.possessor(h)]
            if not targets and trig.event_type == "SANCTION":
                targets = self._trade_partners(token, objects)
            if not targets and trig.event_type in {"CONCEDE", "SANCTION"}:
                targets = restricted_destinations(self, objects, token)
        if trig.event_type == "THREATEN":
            # "warned that Russia would deploy missiles if Finland joined NATO": the threat
            # is aimed at whoever must not meet the condition
            targets = self._conditioned(token, sources) or targets
        if not targets and trig.roles == "speaker_target":
            targets = addressees(self, token, trig, sources)
        if not targets and trig.mode == "visit":
            targets = self.visited(token)
        if not targets and trig.event_type == "AID":
            targets = self.recipient([token, *objects])
        if trig.roles == "self":
            own = [t for t in targets if same_side(t, sources)]
            # "withdrew from the town": a place left behind is not a party to the withdrawal
            # ("freed 222 political prisoners": its opponents are not its own side)
            # ("handed over four villages to Azerbaijan": then whom it goes to)
            targets = other_parties(targets, sources) or other_parties(targets_by_prep, sources)
            if own and own[0].sector == "MIL":
                # "France pulled its troops out"; a leader who orders them stays the government
                # ("Putin ordered the call-up of 300,000 reservists")
                sources = [s if s.rule.startswith("leaders") else as_forces(s) for s in sources]
            if not targets and trig.event_type == "MOBILIZE":
                # "sent a carrier to deter Hezbollah" (but "to protect civilians" aims at none)
                targets = self.purpose_targets(token, hostile_only=True)
        return sources, targets

    def nominal(self, noun: Token, trig: Trigger) -> tuple[list[Actor], list[Actor]]:
        if trig.roles == "symmetric":
            between = between_sides(self, noun) or reported_fight_sides(self, noun)
            if len(between) >= 2:
                return between[:1], between[1:]
            partners = self.of(pobjs(noun, ["with"]))
            prep = noun.head
            if trig.event_type == "ASSAULT" and partners and noun.dep_ == "pobj":
                # "police arrested 45 people after clashes with protesters": the other side
                # is whoever the clause the clashes hang on is about
                sides = self.of(subjects(prep.head)) if prep.dep_ == "prep" else []
                sides = [s for s in sides if not same_side(s, partners)]
                if sides:
                    return sides, partners
        sources = self.noun_agents(noun, trig.target_preps)
        if not sources and trig.event_type in SAID_TYPES:  # "drew a warning from Pyongyang"
            holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
            sources = self._government_of([p for h in holders for p in pobjs(h, ["from"])])
        aimed_at = pobjs(noun, trig.target_preps | {"on", "against"})
        targets = self.of(aimed_at)
        if not targets and trig.event_type == "ASSAULT":
            targets = self.countries_at(aimed_at)  # "a rocket attack on Tel Aviv"
        if not targets and trig.event_type == "ASSAULT":  # "bombings at churches and hotels"
            targets = [t for t in self.of(pobjs(noun, ["at"])) if t.rule.startswith("facility:")]
        drawn = noun.dep_ == "dobj" and noun.head.lemma_.lower() in _DRAWING_VERBS
        received = trig.event_type == "CONSULT" and noun.head.lemma_.lower() in _RECEIVING
        if not targets and (trig.event_type in SAID_TYPES or received) and drawn:
            # "..., drawing condemnation from the UN", "received a phone call from Blinken"
            targets = self.of(subjects(noun.head))
        phrase = measured(noun)  # "began ten days of joint drills": the phrase is the object
        if phrase.dep_ == "conj" and phrase.head.dep_ in {"dobj", "attr"}:
            phrase = phrase.head  # "declared martial law and a general mobilisation"
        head = phrase.head
        # "Turkey carried out airstrikes", "troops pushed in ... in the largest attack":
        # the verb that carries the noun says who acted (not a speech verb: "Akar announced").
        travelled = (
            phrase.dep_ == "pobj"
            and head.lower_ in _PURPOSE_PREPS
            and head.head.lemma_.lower() in _TRAVEL_VERBS
            and trig.event_type == "CONSULT"
        )
        carrier = phrase.dep_ == "pobj" and head.lower_ in _CARRIER_PREPS
        if trig.event_type == "PROTEST" and head.lower_ == "during":
            carrier = False  # "police killed a driver during protests": not the police's
        verb = head.head if carrier or travelled else head
        carried = phrase.dep_ in {"dobj", "attr"} or (phrase.dep_ == "pobj" and verb != head)
        said = verb.lemma_.lower() in speech_lemmas()
        if said and trig.event_type != "ASSAULT" and verb.lemma_.lower() in _ENACTING_SPEECH:
            said = False  # "Britain announced sanctions": announcing them is imposing them
        if verb.lemma_.lower() in _CAUSING_VERBS and not pobjs(noun, ["with"]):
            # "detained the mayor, prompting protests": others protest (but "sparking clashes
            # with the SDF": the attackers clash)
            carried = False
        row = match_trigger(verb, self.lexicon) if carried else None
        if row is not None and row.roles == "receiver":
            carried = False  # "a convoy hit a roadside bomb": the convoy did not lay it
        if carried and verb.pos_ in {"VERB", "AUX"} and not said:
            if not sources and not subject_dies(verb):  # "civilians died in the shelling"
                sources = self.of(subjects(verb))
            if not targets:  # "dropped a bomb on the theatre", "fired rockets at Israel"
                aimed_at = pobjs(verb, trig.target_preps | {"on", "at", "against"})
                # "pledged $400 million in aid to Ukraine": a country named as where it goes
                targets = self.of(aimed_at)
                if not targets and trig.event_type == "AID":
                    targets = self.countries_at(aimed_at)
            if not targets and phrase.dep_ == "dobj":  # "gave Finland its backing"
                others = [c for c in verb.children if c.dep_ in {"dative", "dobj"} and c != phrase]
                targets = self.of(others)
        if trig.roles == "self" and not sources:
            sources = self.of(pobjs(noun, ["of"]))  # "the deployment of Syrian troops"
        if not targets and trig.mode == "visit":
            targets = self.visited(noun)
        if not targets and travelled:
            targets = self.visited(verb, ["to", "in"])
        if not targets and trig.event_type == "AID":
            targets = self.recipient([noun, noun.head])
        if not targets and trig.event_type == "SANCTION":
            # "an EU embargo on imports of Russian crude": whose goods are barred
            held = pobjs(noun, trig.target_preps | {"on", "against"})
            held += [p for h in held for p in pobjs(h, ["of"])]
            targets = [a for h in held for a in self.possessor(h)][:1]
        return sources, targets

    def _reporter(self, token: Token) -> list[Actor]:
        """'The ministry said the attack came from terrorists and vowed to respond': a
        speech act joined to a reported clause whose subject is no actor, or people spoken
        about, is the speaker's."""
        clause = token.head
        if token.dep_ == "advcl" and to_infinitive(token):
            # "invoked an article of the Charter to urge the Council": the purpose is the
            # main clause subject's
            return self.of(subjects(clause))
        if token.dep_ == "advcl" and token.tag_ == "VBG":
            # "..., Russia's defence ministry said, accusing Kyiv of ...": the participle
            # hangs on the reported clause, but the one who said it accuses
            told = [
                c
                for c in clause.children
                if c.dep_ == "parataxis" and c.i < token.i and c.lemma_.lower() in speech_lemmas()
            ]
            return self.of(subjects(told[-1])) if told else []
        if token.dep_ != "conj" or clause.dep_ != "ccomp":
            return []
        speaker = clause.head
        said = speaker.lemma_.lower() in speech_lemmas()
        if not said and (row := match_trigger(speaker, self.lexicon)) is not None:
            said = row.event_type in SAID_TYPES  # "warned that ..., and urged ..."
        return self.of(subjects(speaker)) if said else []

    def _carrier_agents(self, carrier: Token) -> list[Actor]:
        """Who acted in the attack someone was killed in: its owner ('in an Israeli
        airstrike'), or the other side of the fighting ('in clashes with militants')."""
        row = match_trigger(carrier, self.lexicon)
        if row is None:
            return []
        if row.event_type == "ASSAULT" and row.roles == "symmetric":
            foes = self.of(pobjs(carrier, ["with", "against"]))
            if foes:
                return foes
        return self.noun_agents(carrier)

    def border_partners(self, verb: Token, sources: list[Actor]) -> list[Actor]:
        """'closed its border with Belarus', 'closed all land crossings with Cambodia': the
        other state on a border closed to it."""
        crossings = [
            c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _BORDER_WORDS
        ]
        if not crossings:
            return []
        ends = [p for c in [*crossings, verb] for p in pobjs(c, ["with", "to"])]
        found = (
            self.of(ends) or self.countries_at(ends) or [a for e in ends for a in self.possessor(e)]
        )
        return [a for a in found if not same_side(a, sources)]

    def _trade_partners(self, verb: Token, objects: list[Token]) -> list[Actor]:
        """'halted exports to Israel', 'banned imports of Japanese seafood': the state the
        stopped trade goes to or comes from, or whose goods it carries."""
        trade = self.lexicon.object_classes.get("trade", frozenset())
        flows = [o for o in objects if o.lemma_.lower() in trade]
        ends = [p for o in flows for p in pobjs(o, ["to", "from", "with"])]
        if flows and not ends:  # "halted all exports and imports to and from Israel"
            ends = pobjs(verb, ["to", "from", "with"])
        goods = [p for o in flows for p in pobjs(o, ["of"])]
        return (
            self.of(ends)
            or self.countries_at(ends)
            or [a for g in goods for a in self.possessor(g)]
        )

    def _holders(
        self, places: list[Token], takers: list[Actor], *, regained: bool = False
    ) -> list[Actor]:
        """'Russian troops captured the city of Bakhmut': a town taken from no one named was
        taken from the forces of the state the town itself lies in, when that is another side
        (``foreign_ground`` falls back on where the event is placed).  A town the gazetteer
        does not know, taken by rebels, was taken from their own state's forces ("the Arakan
        Army captured the town of Maungdaw")."""
        towns = [g for p in places for g in [p, *pobjs(p, ["of"])]]
        # ("annexed four Ukrainian regions": the land named by its people's adjective)
        countries = sorted(
            {c for t in towns if (c := self.actors.territory.get(t.i) or self._land_of(t))}
        )
        if not countries and places and not regained:  # retaken: from whom is not said
            countries = sorted({t.country for t in takers if t.country and t.sector in CHALLENGERS})
        held = [state_forces(places[0], c, "territory-holder") for c in countries]
        return [h for h in held if takers and not same_side(h, takers)]

    def _land_of(self, noun: Token) -> str | None:
        return self.actors.nationality_of(noun) if noun.lemma_.lower() in _LAND_NOUNS else None

    def _fires_weapons(self, trig: Trigger) -> bool:
        return bool(trig.objects & self.weapons)
