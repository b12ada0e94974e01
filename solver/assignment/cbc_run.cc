#include "solver/assignment/cbc_run.h"

#include <algorithm>
#include <memory>

#include "CbcEventHandler.hpp"
#include "CbcModel.hpp"
#include "CglPreProcess.hpp"
#include "CoinError.hpp"
#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "solver/assignment/cbc_search.h"
#include "solver/assignment/progress.h"

namespace callplan {
namespace {

// CbcModel clones its event handler: clones share State.
class ControlHandler : public CbcEventHandler {
 public:
  struct State {
    const SolveControl* control = nullptr;
    bool report_progress = false;
    absl::Time started;
    // CBC checks its own time limit only between phases; this catches a
    // long root phase too.
    absl::Time stop_at = absl::InfiniteFuture();
    absl::Time last_report = absl::InfinitePast();
  };

  explicit ControlHandler(std::shared_ptr<State> state)
      : state_(std::move(state)) {}

  CbcAction event(CbcEvent which) override {
    const SolveControl& control = *state_->control;
    if (control.should_stop && control.should_stop()) return stop;
    const absl::Time now = absl::Now();
    if (now >= control.deadline || now >= state_->stop_at) return stop;
    const bool found = which == solution || which == heuristicSolution;
    if (state_->report_progress && control.on_progress &&
        (found || now - state_->last_report >= absl::Milliseconds(250))) {
      state_->last_report = now;
      Report(now);
    }
    return noAction;
  }

  CbcEventHandler* clone() const override {
    return new ControlHandler(*this);
  }

 private:
  void Report(absl::Time now) const {
    SolveProgress progress;
    progress.elapsed_seconds = absl::ToDoubleSeconds(now - state_->started);
    progress.has_incumbent = model_->bestSolution() != nullptr;
    progress.best_bound = -model_->getBestPossibleObjValue();
    if (progress.has_incumbent) {
      progress.incumbent_objective = -model_->getMinimizationObjValue();
      progress.relative_gap =
          RelativeGap(progress.best_bound, progress.incumbent_objective);
    }
    state_->control->on_progress(progress);
  }

  std::shared_ptr<State> state_;
};

// Keeps CBC, Clp and CglPreProcess quiet: the one-shot command line owns
// stdout.
void Quiet(OsiSolverInterface& solver) {
  solver.messageHandler()->setLogLevel(0);
  if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(&solver)) {
    clp->getModelPtr()->setLogLevel(0);  // Clp's presolve notes
  }
}

void Quiet(CbcModel& model) {
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  Quiet(*model.solver());
}

// A model with no columns (every pair ruled out before the MIP): its only
// point is the empty one, a plan iff every row admits zero. CBC and
// CglPreProcess are not asked, the latter crashes on it (cbc 2.10).
CbcRunResult WithoutColumns(const OsiSolverInterface& solver) {
  CbcRunResult result;
  const double* lower = solver.getRowLower();
  const double* upper = solver.getRowUpper();
  bool fits = true;
  for (int r = 0; r < solver.getNumRows(); ++r) {
    fits = fits && lower[r] <= 1e-9 && upper[r] >= -1e-9;
  }
  result.proven_infeasible = !fits;
  result.has_solution = fits;
  result.proven_optimal = fits;
  result.best_bound = 0;
  return result;
}

}  // namespace

absl::StatusOr<CbcRunResult> RunCbc(AssignmentMip& mip,
                                    const CbcRunSettings& settings,
                                    const SolveControl& control) {
  const absl::Time started = absl::Now();
  CbcRunResult result;
  try {
    // CBC works on copies: the built model stays as the families wrote it,
    // for the caller's objective and column mapping.
    OsiClpSolverInterface working(*mip.solver);
    Quiet(working);
    std::unique_ptr<CglPreProcess> process;
    OsiSolverInterface* to_solve = &working;
    const bool warm = !settings.warm_start.empty();
    // Preprocessing renumbers the columns, and a supplied incumbent would
    // have to follow; a warm-started solve skips it instead.
    if (working.getNumCols() == 0) return WithoutColumns(working);
    if (settings.preprocess && !warm) {
      process = std::make_unique<CglPreProcess>();
      process->messageHandler()->setLogLevel(0);
      to_solve = process->preProcess(working, false, 5);
      if (to_solve == nullptr) {
        result.proven_infeasible = true;  // preprocessing proved it
        return result;
      }
    }

    CbcModel model(*to_solve);
    Quiet(model);
    auto state = std::make_shared<ControlHandler::State>();
    state->control = &control;
    state->report_progress = settings.report_progress;
    state->started = started;
    state->stop_at = started + absl::Seconds(settings.time_limit_seconds);
    ControlHandler handler(state);
    model.passInEventHandler(&handler);
    // CPU time would be the whole process's, counting other solves.
    model.setUseElapsedTime(true);
    model.setMaximumSeconds(std::max(0.01, settings.time_limit_seconds));
    model.setAllowableFractionGap(settings.relative_gap);
    model.setNumberThreads(0);
    ConfigureSearch(model);
    model.initialSolve();
    if (model.isInitialSolveProvenPrimalInfeasible()) {
      result.proven_infeasible = true;  // not even the LP relaxation fits
      return result;
    }
    // After the root LP: CBC checks the incumbent against the solved model
    // and keeps it as the cutoff.
    if (warm) {
      model.setBestSolution(settings.warm_start.data(),
                            static_cast<int>(settings.warm_start.size()),
                            settings.warm_start_objective, true);
    }
    model.branchAndBound();

    result.proven_infeasible = model.isProvenInfeasible();
    result.proven_optimal = model.isProvenOptimal();
    result.best_bound = model.getBestPossibleObjValue();
    const double* best = model.bestSolution();
    if (best == nullptr || result.proven_infeasible) {
      result.proven_optimal = false;
      return result;
    }
    result.has_solution = true;
    if (process) {
      // Back to the original columns.
      model.solver()->setColSolution(best);
      process->postProcess(*model.solver());
      const double* original = working.getColSolution();
      result.solution.assign(original, original + working.getNumCols());
    } else {
      result.solution.assign(best, best + model.getNumCols());
    }
    return result;
  } catch (const CoinError& error) {
    return absl::InternalError(absl::StrCat("CBC failed in ", error.className(),
                                            "::", error.methodName(), ": ",
                                            error.message()));
  }
}

}  // namespace callplan
