#include "solver/assignment/cbc_search.h"

#include "CbcHeuristic.hpp"
#include "CbcHeuristicFPump.hpp"
#include "CbcHeuristicLocal.hpp"
#include "CbcHeuristicRINS.hpp"
#include "CbcModel.hpp"
#include "CglClique.hpp"
#include "CglFlowCover.hpp"
#include "CglGomory.hpp"
#include "CglKnapsackCover.hpp"
#include "CglMixedIntegerRounding2.hpp"
#include "CglProbing.hpp"

namespace callplan {
namespace {

// How often CbcCutGenerator calls a generator: -1 is "at the root, then in
// the tree only while it pays".
constexpr int kRootThenIfEffective = -1;

void AddCuts(CbcModel& model) {
  CglProbing probing;
  probing.setUsingObjective(true);
  probing.setMaxPass(1);
  probing.setMaxPassRoot(3);
  probing.setMaxProbe(10);
  probing.setMaxProbeRoot(200);
  probing.setMaxLook(20);
  probing.setMaxLookRoot(100);
  probing.setMaxElements(200);
  probing.setRowCuts(3);
  model.addCutGenerator(&probing, kRootThenIfEffective, "Probing");

  CglGomory gomory;
  gomory.setLimit(300);
  model.addCutGenerator(&gomory, kRootThenIfEffective, "Gomory");

  CglKnapsackCover knapsack;
  model.addCutGenerator(&knapsack, kRootThenIfEffective, "Knapsack");

  CglClique clique;
  clique.setStarCliqueReport(false);
  clique.setRowCliqueReport(false);
  model.addCutGenerator(&clique, kRootThenIfEffective, "Clique");

  CglMixedIntegerRounding2 rounding;
  model.addCutGenerator(&rounding, kRootThenIfEffective, "MixedIntegerRounding2");

  CglFlowCover flow;
  model.addCutGenerator(&flow, kRootThenIfEffective, "FlowCover");
}

void AddHeuristics(CbcModel& model) {
  CbcRounding rounding(model);
  model.addHeuristic(&rounding);
  CbcHeuristicFPump pump(model);
  pump.setMaximumPasses(20);
  model.addHeuristic(&pump);
  CbcHeuristicLocal local(model);
  model.addHeuristic(&local);
  CbcHeuristicRINS rins(model);
  model.addHeuristic(&rins);
}

}  // namespace

void ConfigureSearch(CbcModel& model) {
  AddCuts(model);
  AddHeuristics(model);
  model.setMaximumCutPassesAtRoot(20);
  model.setMaximumCutPasses(2);
  model.setMinimumDrop(1e-4);
}

}  // namespace callplan
