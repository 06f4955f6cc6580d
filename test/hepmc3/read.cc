// Reads a HepMC3 ASCII file with HepMC3's own ReaderAscii, event by event, and checks what
// test/events.test.ts asserts: every event parses, four-momentum is conserved at every
// vertex (1e-9 relative to the incoming energy), and the weight sum. Prints one JSON line:
// {"events": n, "weight_names": [...], "weight_sums": [...], "max_imbalance": x, "units": "..."}.
#include <HepMC3/GenEvent.h>
#include <HepMC3/GenParticle.h>
#include <HepMC3/GenVertex.h>
#include <HepMC3/GenRunInfo.h>
#include <HepMC3/ReaderAscii.h>
#include <HepMC3/Units.h>
#include <cmath>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: read file.hepmc3\n");
    return 2;
  }
  HepMC3::ReaderAscii reader(argv[1]);
  if (reader.failed()) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 2;
  }
  long n = 0;
  std::vector<double> sums;
  double worst = 0;
  bool unitsOk = true;
  int badVertices = 0;
  for (;;) {
    HepMC3::GenEvent evt;
    if (!reader.read_event(evt) || reader.failed()) break;
    if (evt.particles().empty()) break;
    ++n;
    if (evt.momentum_unit() != HepMC3::Units::GEV || evt.length_unit() != HepMC3::Units::MM) unitsOk = false;
    const std::vector<double>& w = evt.weights();
    if (sums.size() < w.size()) sums.resize(w.size(), 0.0);
    for (size_t k = 0; k < w.size(); ++k) sums[k] += w[k];
    for (const auto& v : evt.vertices()) {
      HepMC3::FourVector in, out;
      double scale = 0;
      for (const auto& p : v->particles_in()) {
        in += p->momentum();
        scale += p->momentum().e();
      }
      for (const auto& p : v->particles_out()) out += p->momentum();
      if (v->particles_in().empty() || v->particles_out().empty()) ++badVertices;
      double d = std::fmax(std::fmax(std::fabs(in.px() - out.px()), std::fabs(in.py() - out.py())),
                           std::fmax(std::fabs(in.pz() - out.pz()), std::fabs(in.e() - out.e())));
      if (scale > 0) worst = std::fmax(worst, d / scale);
    }
  }
  std::printf("{\"events\": %ld, \"units_gev_mm\": %s, \"vertices_without_in_or_out\": %d, \"max_imbalance\": %.6e, \"weight_names\": [", n,
              unitsOk ? "true" : "false", badVertices, worst);
  std::vector<std::string> names = reader.run_info() ? reader.run_info()->weight_names() : std::vector<std::string>();
  for (size_t k = 0; k < names.size(); ++k) std::printf("%s\"%s\"", k ? ", " : "", names[k].c_str());
  std::printf("], \"weight_sums\": [");
  for (size_t k = 0; k < sums.size(); ++k) std::printf("%s%.17g", k ? ", " : "", sums[k]);
  std::printf("]}\n");
  return 0;
}
