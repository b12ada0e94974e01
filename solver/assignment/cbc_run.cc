#include "solver/assignment/cbc_run.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>

#include "CbcEventHandler.hpp"
#include "CbcModel.hpp"
#include "CbcSolver.hpp"
#include "CoinError.hpp"
#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace callplan {
namespace {

// CbcMain1 copies the model, and with it this handler: clones share State.
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
          std::max(0.0, progress.best_bound - progress.incumbent_objective) /
          std::max(1.0, std::abs(progress.best_bound));
    }
    state_->control->on_progress(progress);
  }

  std::shared_ptr<State> state_;
};

int NoCallback(CbcModel*, int) { return 0; }

// CbcMain0/CbcMain1 parse their arguments through process-wide state
// (CbcOrClpRead_mode and friends in cbc 2.10): two solves at once garble
// each other's options and stop early with a worse plan. So one CBC run at
// a time per process; the sidecar's other threads still route, convert and
// answer meanwhile. A waiting solve keeps honouring stop and deadline.
std::timed_mutex& CbcDriverLock() {
  static std::timed_mutex lock;
  return lock;
}

// Waits for the driver; false when the solve was stopped or its time ran
// out first.
bool AcquireDriver(std::unique_lock<std::timed_mutex>& held,
                   const SolveControl& control, absl::Time give_up) {
  while (!held.try_lock_for(std::chrono::milliseconds(20))) {
    const absl::Time now = absl::Now();
    if (now >= give_up || now >= control.deadline ||
        (control.should_stop && control.should_stop())) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<CbcRunResult> RunCbc(AssignmentMip& mip,
                                    const CbcRunSettings& settings,
                                    const SolveControl& control) {
  const absl::Time asked = absl::Now();
  std::unique_lock<std::timed_mutex> held(CbcDriverLock(), std::defer_lock);
  if (!AcquireDriver(held, control,
                     asked + absl::Seconds(settings.time_limit_seconds))) {
    return CbcRunResult{};  // no answer, not infeasible: the caller decides
  }
  // The wait counts against the time limit.
  const double seconds_left = settings.time_limit_seconds -
                              absl::ToDoubleSeconds(absl::Now() - asked);
  try {
    CbcModel model(*mip.solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(model.solver())) {
      clp->getModelPtr()->setLogLevel(0);  // Clp's presolve notes
    }
    auto state = std::make_shared<ControlHandler::State>();
    state->control = &control;
    state->report_progress = settings.report_progress;
    state->started = absl::Now();
    state->stop_at = state->started + absl::Seconds(seconds_left);
    ControlHandler handler(state);
    model.passInEventHandler(&handler);
    const bool warm = !settings.warm_start.empty() && !settings.preprocess;
    if (warm) {
      model.setBestSolution(settings.warm_start.data(),
                            static_cast<int>(settings.warm_start.size()),
                            settings.warm_start_objective, true);
    }

    CbcSolverUsefulData data;
    // Never let CBC install its own SIGINT handler inside the sidecar, nor
    // print to stdout, which the one-shot command line owns.
    data.useSignalHandler_ = false;
    data.noPrinting_ = true;
    CbcMain0(model, data);
    const std::string seconds =
        absl::StrCat(std::max(0.01, seconds_left));
    const std::string gap = absl::StrCat(settings.relative_gap);
    const char* argv[] = {"callplan",      "-log",     "0",
                          "-slog",         "0",
                          "-sec",          seconds.c_str(),
                          "-ratioGap",     gap.c_str(),
                          "-threads",      "0",
                          "-preprocess",   settings.preprocess ? "sos" : "off",
                          "-solve",        "-quit"};
    const int argc = static_cast<int>(sizeof(argv) / sizeof(argv[0]));
    CbcMain1(argc, argv, model, NoCallback, data);

    CbcRunResult result;
    result.proven_infeasible = model.isProvenInfeasible();
    result.proven_optimal = model.isProvenOptimal();
    result.best_bound = model.getBestPossibleObjValue();
    const double* best = model.bestSolution();
    if (best != nullptr && !result.proven_infeasible) {
      result.has_solution = true;
      result.solution.assign(best, best + model.getNumCols());
    } else {
      result.proven_optimal = false;
    }
    return result;
  } catch (const CoinError& error) {
    return absl::InternalError(absl::StrCat("CBC failed in ", error.className(),
                                            "::", error.methodName(), ": ",
                                            error.message()));
  }
}

}  // namespace callplan
