// Package agents holds the state of a collective-impact partnership and the
// rules that change it: actors (organisations), their pairwise trust, the
// beneficiary population, and one small function per submodel of
// docs/MODEL.md (meetings and trust, agenda and values, engagement, funding,
// activities, outcome production, measurement and learning, backbone,
// membership, innovation and phases).
//
// Each rule is a plain function of its inputs with its equation in its doc
// comment. Rules draw randomness only from a *rand.Rand passed in by the
// caller. The package knows nothing about schedules, replicates, scenario
// files or output formats; package sim decides when each rule runs.
//
// The same rules serve every governance design. Institutions (a common
// agenda, shared measurement, a backbone, meetings, pooled funding,
// beneficiary engagement, power sharing) enter only as inputs to the rules;
// no rule checks whether a design is "collective".
package agents
